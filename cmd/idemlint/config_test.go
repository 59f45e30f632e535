package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runIdemlint runs the command (this test binary, see TestMain) in dir.
func runIdemlint(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	return runAs(t, asCommand, dir, args...)
}

// runAs runs this test binary as the command named by mode (see TestMain) in dir.
func runAs(t *testing.T, mode, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	self, err := os.Executable()
	require.NoError(t, err)
	cmd := exec.Command(self, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "IDEMLINT_TEST_MAIN="+mode)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		exit, ok := err.(*exec.ExitError)
		require.True(t, ok, "%v", err)
		code = exit.ExitCode()
	}
	return out.String(), errOut.String(), code
}

// TestBadConfigIsOneLine: a mistake in the configuration stops the run before any
// package is loaded, with one line naming file, line and key, and exit 1.
func TestBadConfigIsOneLine(t *testing.T) {
	dir := module(t, racy)
	bad := "checkthenact:\n  enabled: false\nheadermismatch:\n  sends: [X-Event-Id]\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".idemlint.yml"), []byte(bad), 0o644))
	_, stderr, code := runIdemlint(t, dir, "./...")
	assert.Equal(t, 1, code)
	assert.Equal(t, `idemlint: `+filepath.Join(dir, ".idemlint.yml")+`:4: headermismatch.sends: unknown key "sends" (want one of enabled, names, sent)`+"\n", stderr)

	_, stderr, code = runIdemlint(t, dir, "-config", filepath.Join(dir, "missing.yml"), "./...")
	assert.Equal(t, 1, code)
	assert.Equal(t, 1, strings.Count(stderr, "\n"), stderr)
	assert.Contains(t, stderr, "missing.yml: no such file or directory")
}

// TestConfigSwitch: the nearest .idemlint.yml turns an analyzer off; -config names
// another file for the whole run.
func TestConfigSwitch(t *testing.T) {
	dir := module(t, racy)
	_, stderr, code := runIdemlint(t, dir, "./...")
	assert.Equal(t, 3, code, stderr)
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".idemlint.yml"), []byte("checkthenact:\n  enabled: false\n"), 0o644))
	_, stderr, code = runIdemlint(t, dir, "./...")
	assert.Equal(t, 0, code, stderr)
	on := filepath.Join(t.TempDir(), "on.yml")
	require.NoError(t, os.WriteFile(on, []byte("checkthenact:\n  enabled: true\n"), 0o644))
	_, stderr, code = runIdemlint(t, dir, "-config="+on, "./...")
	assert.Equal(t, 3, code, stderr)
}

func TestConfigFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
		ok   bool
	}{
		{[]string{"-config", "a.yml", "./..."}, "a.yml", true},
		{[]string{"--config=b.yml", "./..."}, "b.yml", true},
		{[]string{"-json", "./..."}, "", false},
		{[]string{"./config"}, "", false},
	} {
		got, ok := configFlag(tc.args)
		assert.Equal(t, tc.ok, ok, tc.args)
		assert.Equal(t, tc.want, got, tc.args)
	}
}

// TestVetSeesConfigEdits: go vet replays cached results while the tool and the
// package are unchanged; the tool's identity includes the module's .idemlint.yml
// files, so an edit to one is seen at once.
func TestVetSeesConfigEdits(t *testing.T) {
	dir := module(t, racy)
	before := vet(t, dir, nil, "./...")
	require.Equal(t, []string{"svc/svc.go:13"}, findingsAt(dir, before.stderr), before.stderr)
	writeFile(t, filepath.Join(dir, "svc", ".idemlint.yml"), "checkthenact:\n  enabled: false\n")
	after := vet(t, dir, nil, "./...")
	assert.Equal(t, 0, after.code, after.stderr)
	assert.Empty(t, findingsAt(dir, after.stderr), "the edit turned checkthenact off")
}
