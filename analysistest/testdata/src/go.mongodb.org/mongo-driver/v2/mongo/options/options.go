// Package options is a stub of go.mongodb.org/mongo-driver/v2/mongo/options v2.10.0
// with the real option types and builders idemlint reads.
package options

type Lister[T any] interface {
	List() []func(*T) error
}

type ClientOptions struct{ uri string }

func Client() *ClientOptions { return &ClientOptions{} }

func (c *ClientOptions) ApplyURI(uri string) *ClientOptions { c.uri = uri; return c }

type (
	DatabaseOptions          struct{}
	CollectionOptions        struct{}
	FindOneOptions           struct{}
	FindOptions              struct{}
	CountOptions             struct{}
	InsertOneOptions         struct{}
	InsertManyOptions        struct{}
	DeleteOneOptions         struct{}
	DeleteManyOptions        struct{}
	FindOneAndUpdateOptions  struct{}
	FindOneAndReplaceOptions struct{}
	FindOneAndDeleteOptions  struct{}
	SessionOptions           struct{}
	TransactionOptions       struct{}
	UpdateManyOptions        struct{}
)

type UpdateOneOptions struct{ Upsert *bool }

type UpdateOneOptionsBuilder struct {
	Opts []func(*UpdateOneOptions) error
}

func UpdateOne() *UpdateOneOptionsBuilder { return &UpdateOneOptionsBuilder{} }

func (uo *UpdateOneOptionsBuilder) List() []func(*UpdateOneOptions) error { return uo.Opts }

func (uo *UpdateOneOptionsBuilder) SetUpsert(b bool) *UpdateOneOptionsBuilder { return uo }

type ReplaceOptions struct{ Upsert *bool }

type ReplaceOptionsBuilder struct {
	Opts []func(*ReplaceOptions) error
}

func Replace() *ReplaceOptionsBuilder { return &ReplaceOptionsBuilder{} }

func (ro *ReplaceOptionsBuilder) List() []func(*ReplaceOptions) error { return ro.Opts }

func (ro *ReplaceOptionsBuilder) SetUpsert(b bool) *ReplaceOptionsBuilder { return ro }

type FindOneAndUpdateOptionsBuilder struct {
	Opts []func(*FindOneAndUpdateOptions) error
}

func FindOneAndUpdate() *FindOneAndUpdateOptionsBuilder { return &FindOneAndUpdateOptionsBuilder{} }

func (f *FindOneAndUpdateOptionsBuilder) List() []func(*FindOneAndUpdateOptions) error { return f.Opts }

func (f *FindOneAndUpdateOptionsBuilder) SetUpsert(b bool) *FindOneAndUpdateOptionsBuilder { return f }
