package ctamap

// A memo of schema creation: CREATE TABLE IF NOT EXISTS finds the table on a second
// run, so two publishers that both miss the memo create nothing twice. A CREATE
// without IF NOT EXISTS, or an INSERT, behind the same memo is reported.

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// Publisher creates a topic's table before its first publish.
type Publisher struct {
	db          *sql.DB
	initialized sync.Map // topic -> struct{}
}

// initTopic is a memo of CREATE TABLE IF NOT EXISTS.
func (p *Publisher) initTopic(ctx context.Context, topic string) error {
	if _, ok := p.initialized.Load(topic); ok {
		return nil
	}
	if _, err := p.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS messages (id BIGSERIAL PRIMARY KEY, payload JSONB)`); err != nil {
		return fmt.Errorf("create table: %w", err)
	}
	p.initialized.Store(topic, struct{}{})
	return nil
}

// initTopicHelper is initTopic with the DDL in a helper.
func (p *Publisher) initTopicHelper(ctx context.Context, topic string) error {
	if _, ok := p.initialized.Load(topic); ok {
		return nil
	}
	if err := p.createSchema(ctx); err != nil {
		return fmt.Errorf("init %s: %w", topic, err)
	}
	p.initialized.Store(topic, struct{}{})
	return nil
}

func (p *Publisher) createSchema(ctx context.Context) error {
	if _, err := p.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS messages (id BIGSERIAL PRIMARY KEY)`); err != nil {
		return err
	}
	_, err := p.db.ExecContext(ctx, `CREATE UNIQUE INDEX IF NOT EXISTS messages_id ON messages (id)`)
	return err
}

// initTopicInsert is initTopic with an INSERT: a second run adds a second row.
func (p *Publisher) initTopicInsert(ctx context.Context, topic string) error {
	if _, ok := p.initialized.Load(topic); ok {
		return nil
	}
	if _, err := p.db.ExecContext(ctx, `INSERT INTO topics (name) VALUES ($1)`, topic); err != nil {
		return fmt.Errorf("insert topic: %w", err)
	}
	p.initialized.Store(topic, struct{}{}) // want `Load then Store of .*\[topic\] is not atomic`
	return nil
}

// initTopicPlainCreate is initTopic without IF NOT EXISTS: the second run fails.
func (p *Publisher) initTopicPlainCreate(ctx context.Context, topic string) error {
	if _, ok := p.initialized.Load(topic); ok {
		return nil
	}
	if _, err := p.db.ExecContext(ctx, `CREATE TABLE messages (id BIGSERIAL PRIMARY KEY)`); err != nil {
		return fmt.Errorf("create table: %w", err)
	}
	p.initialized.Store(topic, struct{}{}) // want `Load then Store of .*\[topic\] is not atomic`
	return nil
}
