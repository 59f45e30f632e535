package model

// How fine a time is once it is formatted or taken apart. A key that carries the
// calendar day ("2006-01-02", time.DateOnly, YearDay) is the same for every
// operation of that day and different for a retry after midnight; a key that
// carries nanoseconds differs on every attempt. The provenance engine asks these
// questions of time.Time's methods; the layouts are classified by the time
// package itself, so every layout token Go knows is understood.

import (
	"go/types"
	"strings"
	"time"
)

// Calendar units coarser than time.Hour, for time units and messages.
const (
	Day   = 24 * time.Hour
	Week  = 7 * Day
	Month = 30 * Day
	Year  = 365 * Day
)

// LayoutFinest returns the finest unit a time layout prints (time.Second for
// time.RFC3339, Day for "2006-01-02", time.Hour for "2006-01-02T15"), and false
// when the layout prints no part of the time at all.
func LayoutFinest(layout string) (time.Duration, bool) {
	base := time.Date(2021, time.March, 4, 5, 6, 7, 123456789, time.UTC)
	steps := []struct {
		unit time.Duration
		next time.Time
	}{
		{time.Nanosecond, base.Add(time.Nanosecond)},
		{time.Microsecond, base.Add(time.Microsecond)},
		{time.Millisecond, base.Add(time.Millisecond)},
		{time.Second, base.Add(time.Second)},
		{time.Minute, base.Add(time.Minute)},
		{time.Hour, base.Add(time.Hour)},
		{Day, base.AddDate(0, 0, 1)},
		{Week, base.AddDate(0, 0, 7)},
		{Month, base.AddDate(0, 1, 0)},
		{Year, base.AddDate(1, 0, 0)},
	}
	want := base.Format(layout)
	for _, s := range steps {
		if s.next.Format(layout) != want {
			return s.unit, true
		}
	}
	return 0, false
}

// TimeOp is what a time.Time method does to the granularity of its receiver.
type TimeOp uint8

const (
	NotTime    TimeOp = iota
	TimeKeep          // In, UTC, Local, Add, AddDate: the same granularity
	TimeRound         // Truncate(d), Round(d): coarsened to the duration argument
	TimeFormat        // Format(layout), AppendFormat(b, layout): the layout argument decides
	TimePart          // Year, Month, YearDay, Hour, Unix, ...: a number of Unit
)

// TimeMethod classifies a method of time.Time; for TimePart, unit is the finest
// unit of the result (Day for YearDay, time.Second for Unix), and for TimeRound
// and TimeFormat, arg is the argument that decides (receiver not counted).
func TimeMethod(fn *types.Func) (op TimeOp, unit time.Duration, arg int) {
	if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "time" || recvTypeName(fn) != "Time" {
		return NotTime, 0, No
	}
	switch fn.Name() {
	case "In", "UTC", "Local", "Add", "AddDate":
		return TimeKeep, 0, No
	case "Truncate", "Round":
		return TimeRound, 0, 0
	case "Format":
		return TimeFormat, 0, 0
	case "AppendFormat":
		return TimeFormat, 0, 1
	case "Year":
		return TimePart, Year, No
	case "Month":
		return TimePart, Month, No
	case "ISOWeek":
		return TimePart, Week, No
	case "Day", "YearDay", "Weekday", "Date":
		return TimePart, Day, No
	case "Hour":
		return TimePart, time.Hour, No
	case "Minute":
		return TimePart, time.Minute, No
	case "Second", "Unix", "Clock":
		return TimePart, time.Second, No
	case "UnixMilli":
		return TimePart, time.Millisecond, No
	case "UnixMicro":
		return TimePart, time.Microsecond, No
	case "Nanosecond", "UnixNano", "String", "MarshalText", "MarshalJSON", "GoString":
		return TimePart, time.Nanosecond, No
	}
	return NotTime, 0, No
}

// IsTime reports whether t is time.Time.
func IsTime(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Time" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time"
}

// IsDuration reports whether t is time.Duration.
func IsDuration(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Duration" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time"
}

// ClockWords says how a message names a bucket of width unit: "the calendar day".
func ClockWords(unit time.Duration) string {
	switch {
	case unit >= Year:
		return "the year"
	case unit >= Month:
		return "the month"
	case unit >= Week:
		return "the week"
	case unit == Day:
		return "the calendar day"
	case unit == time.Hour:
		return "the hour"
	case unit == time.Minute:
		return "the minute"
	}
	return "a " + unit.String() + " time window"
}

// ClockNow reports whether fn reads a clock: time.Now, or a Now method or func of
// an injected clock (c.clock.Now(), s.now()) that returns a time.Time.
func ClockNow(fn *types.Func) bool {
	if fn == nil || !strings.EqualFold(fn.Name(), "now") {
		return false
	}
	res := fn.Type().(*types.Signature).Results()
	return res.Len() == 1 && IsTime(res.At(0).Type())
}

// clockNames are variable and field names that hold a clock bucket as text or a
// number: day := time.Now().Format("2006-01-02") passed on as a string.
var clockNames = map[string]time.Duration{
	"day": Day, "date": Day, "today": Day, "yyyymmdd": Day, "ymd": Day, "datestamp": Day,
	"daystamp": Day, "yearday": Day, "hour": time.Hour, "hourly": time.Hour, "week": Week,
	"month": Month, "minute": time.Minute, "year": Year, "bucket": Day,
}

// ClockName returns the bucket a name says a value holds ("day", "today",
// "dateStr", "hourBucket"), for a string or a number; false for any other name.
func ClockName(name string) (time.Duration, bool) {
	var unit time.Duration
	for _, w := range Words(name) {
		switch w {
		case "str", "string", "key", "s", "bucket", "stamp", "num", "idx", "index", "of", "current", "cur", "now":
			continue
		}
		u, ok := clockNames[w]
		if !ok || unit != 0 && u != unit && w != "bucket" {
			return 0, false
		}
		unit = u
	}
	return unit, unit != 0
}
