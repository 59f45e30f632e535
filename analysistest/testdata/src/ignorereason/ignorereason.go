package ignorereason

func charge(string) {}

func reasoned(id string) {
	//idemlint:ignore checkthenact the caller claims the event id first
	charge(id)
	//idemlint:ignore checkthenact,headermismatch both are covered by the outbox
	charge(id)
	//idemlint:ignore all generated code, reviewed upstream
	charge(id)
}

func unreasoned(id string) {
	/* want `//idemlint:ignore checkthenact gives no reason: say why a duplicate delivery is harmless here` */ //idemlint:ignore checkthenact
	charge(id)
	/* want `//idemlint:ignore names no analyzer: write //idemlint:ignore <analyzer> <reason>` */ //idemlint:ignore
	charge(id)
}

func misspelled(id string) {
	/* want `names unknown analyzer "checkthenat", so it suppresses nothing \(known: checkthenact, headermismatch\)` */ //idemlint:ignore checkthenat the caller claims
	charge(id)
	/* want `unknown analyzer "headermismach"` */ //idemlint:ignore checkthenact,headermismach covered by the outbox
	charge(id)
}

func notDirectives(id string) {
	// idemlint:ignore checkthenact (a space: an ordinary comment)
	charge(id)
	//idemlint:ignoreall checkthenact (another word)
	charge(id)
	//nolint:idemlint // golangci-lint's, not ours
	charge(id)
}
