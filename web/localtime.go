package web

import (
	"time"

	"github.com/carico/carico/internal/italian"
)

// rome is the time zone of every time the application shows.
var rome = italian.Rome

// local is t in Italian time: every time a page shows, or the access log
// exports, goes through it (the database holds UTC).
func local(t time.Time) time.Time { return t.In(rome) }
