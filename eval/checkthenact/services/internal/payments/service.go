package payments

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"example.com/evalcorpus/internal/store"
)

// Gateway is the card processor (Stripe, Adyen...).
type Gateway interface {
	Capture(ctx context.Context, customerID string, cents int64, currency string) (string, error)
}

// ChargeRequest is the API payload for POST /charges.
type ChargeRequest struct {
	Tenant         string `json:"-"`
	IdempotencyKey string `json:"-"`
	CustomerID     string `json:"customer_id"`
	AmountCents    int64  `json:"amount_cents"`
	Currency       string `json:"currency"`
}

// ChargeResponse is returned to the client and cached for replays.
type ChargeResponse struct {
	ChargeID string `json:"charge_id"`
	Status   string `json:"status"`
}

// Service orchestrates charges.
type Service struct {
	repo  ChargeRepo
	pg    *PgRepo
	gw    Gateway
	store *store.Store
	newID func() string
}

func NewService(repo ChargeRepo, pg *PgRepo, gw Gateway, st *store.Store, newID func() string) *Service {
	return &Service{repo: repo, pg: pg, gw: gw, store: st, newID: newID}
}

// ChargeCached replays a cached response or charges and caches the result.
func (s *Service) ChargeCached(ctx context.Context, req ChargeRequest) (*ChargeResponse, error) {
	if body, ok, err := s.store.CachedResponse(ctx, req.Tenant, req.IdempotencyKey); err != nil {
		return nil, err
	} else if ok {
		var resp ChargeResponse
		err := json.Unmarshal(body, &resp)
		return &resp, err
	}
	chargeID, err := s.gw.Capture(ctx, req.CustomerID, req.AmountCents, req.Currency)
	if err != nil {
		return nil, err
	}
	resp := &ChargeResponse{ChargeID: chargeID, Status: "captured"}
	body, _ := json.Marshal(resp)
	if err := s.store.SaveResponse(ctx, req.Tenant, req.IdempotencyKey, body); err != nil { // BUG: checkthenact
		return nil, err
	}
	return resp, nil
}

// ErrInFlight means another request with the same Idempotency-Key is running.
var ErrInFlight = errors.New("request with this idempotency key is in flight")

// ChargeClaimed checks the response cache, then claims the key with SetNX before
// doing the work; the final SaveResponse is guarded by the claim.
func (s *Service) ChargeClaimed(ctx context.Context, req ChargeRequest) (*ChargeResponse, error) {
	body, ok, err := s.store.CachedResponse(ctx, req.Tenant, req.IdempotencyKey)
	if err != nil {
		return nil, err
	}
	if ok && string(body) != "pending" {
		var resp ChargeResponse
		return &resp, json.Unmarshal(body, &resp)
	}
	claimed, err := s.store.ClaimResponse(ctx, req.Tenant, req.IdempotencyKey)
	if err != nil {
		return nil, err
	}
	if !claimed {
		return nil, ErrInFlight
	}
	chargeID, err := s.gw.Capture(ctx, req.CustomerID, req.AmountCents, req.Currency)
	if err != nil {
		return nil, err
	}
	resp := &ChargeResponse{ChargeID: chargeID, Status: "captured"}
	body, _ = json.Marshal(resp)
	return resp, s.store.SaveResponse(ctx, req.Tenant, req.IdempotencyKey, body)
}

// ChargeOnce looks the charge up in Postgres and inserts it after capture.
func (s *Service) ChargeOnce(ctx context.Context, req ChargeRequest) (*Charge, error) {
	existing, err := s.pg.FindByIdempotencyKey(ctx, req.IdempotencyKey)
	if err == nil {
		return existing, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	c := &Charge{ID: s.newID(), IdempotencyKey: req.IdempotencyKey, CustomerID: req.CustomerID,
		AmountCents: req.AmountCents, Currency: req.Currency}
	if _, err := s.gw.Capture(ctx, c.CustomerID, c.AmountCents, c.Currency); err != nil {
		return nil, err
	}
	return c, s.pg.Insert(ctx, c) // BUG: checkthenact
}

// ChargeReserved reserves the row with ON CONFLICT DO NOTHING first and only
// captures when this request inserted it.
func (s *Service) ChargeReserved(ctx context.Context, req ChargeRequest) (*Charge, error) {
	c := &Charge{ID: s.newID(), IdempotencyKey: req.IdempotencyKey, CustomerID: req.CustomerID,
		AmountCents: req.AmountCents, Currency: req.Currency}
	inserted, err := s.repo.InsertIfAbsent(ctx, c)
	if err != nil {
		return nil, err
	}
	if !inserted {
		return s.repo.FindByIdempotencyKey(ctx, req.IdempotencyKey)
	}
	if _, err := s.gw.Capture(ctx, c.CustomerID, c.AmountCents, c.Currency); err != nil {
		return nil, err
	}
	return c, nil
}

// TopUp credits a wallet balance kept in Redis.
func (s *Service) TopUp(ctx context.Context, walletID string, cents int64) (int64, error) {
	bal, err := s.store.GetBalance(ctx, walletID)
	if err != nil {
		return 0, err
	}
	if bal+cents > 1_000_000 {
		return 0, fmt.Errorf("wallet %s would exceed limit", walletID)
	}
	return bal + cents, s.store.SetBalance(ctx, walletID, bal+cents) // BUG: checkthenact
}

// Debit subtracts atomically with INCRBY and compensates on overdraft.
func (s *Service) Debit(ctx context.Context, walletID string, cents int64) (int64, error) {
	bal, err := s.store.AddBalance(ctx, walletID, -cents)
	if err != nil {
		return 0, err
	}
	if bal < 0 {
		if _, err := s.store.AddBalance(ctx, walletID, cents); err != nil {
			return 0, err
		}
		return 0, fmt.Errorf("insufficient funds in %s", walletID)
	}
	return bal, nil
}
