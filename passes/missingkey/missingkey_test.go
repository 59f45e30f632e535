package missingkey_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/idemlint/idemlint/passes/missingkey"
)

// testdata is the shared testdata tree with the stubs of third-party packages.
func testdata(t *testing.T) string {
	dir, err := filepath.Abs("../../analysistest/testdata")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestConsumers(t *testing.T) {
	analysistest.Run(t, testdata(t), missingkey.Analyzer, "mkkafka", "mkbrokers", "mkrueidis")
}

func TestWebhooks(t *testing.T) {
	analysistest.Run(t, testdata(t), missingkey.Analyzer, "mkhttp")
}

// TestRecordStores: every record store's insert repeats, and its claim form claims.
func TestRecordStores(t *testing.T) {
	analysistest.Run(t, testdata(t), missingkey.Analyzer, "mkrecords")
}

// TestFacts: claims and effects of helpers in another package reach the consumer.
func TestFacts(t *testing.T) {
	analysistest.Run(t, testdata(t), missingkey.Analyzer, "mkfacts")
}

// TestFlags declares a team's own bus, dedup function and side effect.
func TestFlags(t *testing.T) {
	a := missingkey.Analyzer
	set := func(name, value string) {
		t.Helper()
		if err := a.Flags.Set(name, value); err != nil {
			t.Fatal(err)
		}
	}
	set("entry", "mkconfig/bus.Subscribe=1,(*mkconfig.svc).Reconcile")
	set("dedup", "(*mkconfig/bus.Dedup).Once")
	set("effect", "(*mkconfig/bus.Ledger).Post")
	defer func() { set("entry", ""); set("dedup", ""); set("effect", "") }()
	analysistest.Run(t, testdata(t), a, "mkconfig")
}
