package web

import (
	"time"
	_ "time/tzdata" // Europe/Rome on a Windows PC without a zone database
)

// rome is the time zone of every time the application shows.
var rome = func() *time.Location {
	l, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		panic("web: " + err.Error()) // time/tzdata is embedded: it cannot fail
	}
	return l
}()

// local is t in Italian time: every time a page shows, or the access log
// exports, goes through it (the database holds UTC).
func local(t time.Time) time.Time { return t.In(rome) }
