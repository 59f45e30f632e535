package config

import "path/filepath"

// Source says where a run's configuration comes from: the -config flag (a path),
// the golangci-lint plugin's settings (a Config), or else the FileName nearest to
// each package. It is a flag.Value, so go vet passes -config on to each package's
// run like any analyzer flag.
type Source struct {
	path   string
	inline *Config
}

// String returns the -config path.
func (s *Source) String() string {
	if s == nil {
		return ""
	}
	return s.path
}

// Set records the -config path; the command checks the file before analysis starts,
// so a mistake is one line, not one per package.
func (s *Source) Set(path string) error {
	s.path = path
	return nil
}

// SetInline makes cfg the configuration of every package (golangci-lint settings).
func (s *Source) SetInline(cfg *Config) { s.inline = cfg }

// Usage documents the -config flag.
const Usage = "configuration file (default: the " + FileName + " nearest to each package, up to its module root)"

// For returns the configuration of a package whose files are in dir.
func (s *Source) For(dir string) (*Config, error) {
	if s.inline == nil && s.path == "" {
		if p, ok := Find(dir); ok {
			return Load(p)
		}
	}
	return s.ForDependency()
}

// ForDependency returns the configuration of a package of a dependency module: the
// run's -config file or settings, never a .idemlint.yml shipped inside the
// dependency. That file was written for its authors' own runs, perhaps for another
// version of idemlint; a mistake in it must not fail the user's run.
func (s *Source) ForDependency() (*Config, error) {
	switch {
	case s.inline != nil:
		return s.inline, nil
	case s.path != "":
		return Load(s.path)
	}
	return new(Config), nil
}

// ForFile returns the configuration of the package that holds file.
func (s *Source) ForFile(file string) (*Config, error) { return s.For(filepath.Dir(file)) }
