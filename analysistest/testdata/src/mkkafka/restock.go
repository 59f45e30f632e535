package mkkafka

import "context"

// Restocking from the order's lines: an UPDATE ... FROM whose WHERE joins the
// two tables adds the quantities again on a redelivery. The join condition
// (inventory.sku = r.sku) tests no state, so it is no compare-and-set.
func (c *consumer) runRestock(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		if _, err := c.db.ExecContext(ctx, "UPDATE inventory SET available = available + r.quantity FROM order_lines r WHERE r.order_id = $1 AND inventory.sku = r.sku", string(m.Key)); err != nil { // want `kafka consumer updates inventory relative to its current value with no dedup claim`
			return
		}
		c.r.CommitMessages(ctx, m)
	}
}

// runRestockOnce adds a state guard (the line not yet restocked): only one of two
// deliveries finds it, so the UPDATE is a compare-and-set.
func (c *consumer) runRestockOnce(ctx context.Context) {
	for {
		m, err := c.r.ReadMessage(ctx)
		if err != nil {
			return
		}
		res, err := c.db.ExecContext(ctx, "UPDATE inventory SET available = available + r.quantity FROM order_lines r WHERE r.order_id = $1 AND inventory.sku = r.sku AND r.restocked_at IS NULL", string(m.Key))
		if err != nil {
			return
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // restocked by an earlier delivery
		}
		c.r.CommitMessages(ctx, m)
	}
}
