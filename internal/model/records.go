package model

import "go/types"

// What the record stores declare beside their rows, for the effects engine: which
// calls run a callback in a transaction.

// RunsInTransaction reports a call that runs its func argument in a transaction
// that makes a check and an act inside it safe together (MongoDB
// Session.WithTransaction).
func RunsInTransaction(fn *types.Func) bool { return mongoTransaction(fn) }
