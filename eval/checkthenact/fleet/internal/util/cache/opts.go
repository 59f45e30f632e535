package cache

import (
	"time"

	"github.com/go-redsync/redsync/v4"
)

var redsyncExpiry = redsync.WithExpiry(30 * time.Second)
