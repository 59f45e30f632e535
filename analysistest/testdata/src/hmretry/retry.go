// Package hmretry stands in for a retry helper (retry-go, backoff): op is one attempt.
package hmretry

func Do(op func() error) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = op(); err == nil {
			return nil
		}
	}
	return err
}
