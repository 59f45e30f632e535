package missingkey

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/idemlint/idemlint/internal/model"
)

// funcList is a flag of comma-separated function full names, checked when it is set:
// a typo is one line and exit 2, not a dedup function or entry point that silently
// never matches. With registrations, an item may end in =N, the handler's argument.
type funcList struct {
	text          string
	registrations bool
}

func (l *funcList) String() string {
	if l == nil {
		return ""
	}
	return l.text
}

func (l *funcList) Set(s string) error {
	for _, item := range strings.Split(s, ",") {
		name := strings.TrimSpace(item)
		if name == "" {
			continue // an empty value clears the list
		}
		if fn, arg, ok := strings.Cut(name, "="); ok && l.registrations {
			if i, err := strconv.Atoi(arg); err != nil || i < 0 {
				return fmt.Errorf("%q: want FULLNAME or FULLNAME=N, N the handler's argument index from 0", name)
			}
			name = fn
		}
		if err := model.CheckFullName(name); err != nil {
			return err
		}
	}
	l.text = s
	return nil
}
