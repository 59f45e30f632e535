package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/idemlint/idemlint/internal/config"
)

// vetVersionQuery reports whether go vet is asking for the tool's identity
// (-V=full), which it hashes into the key of every result it caches.
func vetVersionQuery(args []string) bool { return len(args) == 1 && args[0] == "-V=full" }

// printVetVersion answers -V=full as unitchecker does (the executable's hash as the
// build ID), with the configuration files of the module mixed in: go vet replays a
// cached result while the tool and the package are unchanged, so without them an
// edited .idemlint.yml would change nothing until the next source change.
func printVetVersion() error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	h := sha256.New()
	if err := hashFile(h, self); err != nil {
		return err
	}
	if cwd, err := os.Getwd(); err == nil {
		if root := moduleRoot(cwd); fileExists(filepath.Join(root, "go.mod")) {
			hashConfigs(h, root)
		} else if path, ok := config.Find(cwd); ok {
			fmt.Fprintf(h, "%s\n", path)
			_ = hashFile(h, path)
		}
	}
	_, err = fmt.Printf("%s version devel comments-go-here buildID=%x\n", self, h.Sum(nil))
	return err
}

// hashConfigs adds the path and contents of every configuration file under root
// to h.
func hashConfigs(h io.Writer, root string) {
	for _, path := range configFiles(root) {
		fmt.Fprintf(h, "%s\n", path)
		_ = hashFile(h, path)
	}
}

// configFiles returns the configuration files under root, skipping what the go
// command skips (vendor, testdata, _ and . directories, nested modules): the files
// that can configure the packages of ./... there.
func configFiles(root string) []string {
	var paths []string
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable directory holds no configuration we can use
		}
		name := d.Name()
		if d.IsDir() && path != root && (name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") ||
			strings.HasPrefix(name, "_") || fileExists(filepath.Join(path, "go.mod"))) {
			return filepath.SkipDir // not a package of ./... here (another module, nested)
		}
		if !d.IsDir() && name == config.FileName {
			paths = append(paths, path)
		}
		return nil
	})
	return paths
}

// hashFile writes the contents of path to h.
func hashFile(h io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(h, f)
	return err
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
