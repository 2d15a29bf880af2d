package calendar

import (
	"fmt"
	"time"
)

// Zone is Vietnam's civil time, UTC+7 with no daylight saving. It is a fixed
// zone rather than time.LoadLocation("Asia/Ho_Chi_Minh") so that the package
// needs no tzdata and gives the same answers on Windows, Linux and in tests.
var Zone = time.FixedZone("ICT", 7*60*60)

// MinYear and MaxYear bound the years the package answers for. The lunar
// conversion is tested on every day of this range; outside it functions
// return ErrOutOfRange rather than a guess.
const (
	MinYear = 1900
	MaxYear = 2100
)

// Date is a civil date with no time of day and no zone: one box on a wall
// calendar. The zero value is not a valid date. Dates are comparable with ==
// and are written in JSON as "YYYY-MM-DD".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date year-month-day, or ErrInvalidDate if there is no
// such day (30 February, month 13).
func NewDate(year int, month time.Month, day int) (Date, error) {
	d := Date{year, month, day}
	if !d.valid() {
		return Date{}, fmt.Errorf("%w: %04d-%02d-%02d", ErrInvalidDate, year, int(month), day)
	}
	return d, nil
}

// DateOf returns the date of t on a Vietnamese wall calendar, whatever t's
// own location.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Zone).Date()
	return Date{y, m, d}
}

// ParseDate reads a date written "YYYY-MM-DD".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%w: %q is not YYYY-MM-DD", ErrInvalidDate, s)
	}
	y, m, d := t.Date()
	return Date{y, m, d}, nil
}

// String returns the date as "YYYY-MM-DD".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes the date as "YYYY-MM-DD"; it refuses an invalid date.
func (d Date) MarshalText() ([]byte, error) {
	if !d.valid() {
		return nil, fmt.Errorf("%w: %s", ErrInvalidDate, d)
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads a date written "YYYY-MM-DD".
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// JDN 0 was a Monday; time.Monday is 1.
	return time.Weekday((d.jdn()%7 + 7 + 1) % 7)
}

// AddDays returns the date n calendar days after d (before it if n < 0).
func (d Date) AddDays(n int) Date { return dateFromJDN(d.jdn() + n) }

// Sub returns the number of calendar days from e to d (d − e).
func (d Date) Sub(e Date) int { return d.jdn() - e.jdn() }

// Compare returns −1 if d is before e, 0 if they are the same day and +1 if
// d is after e.
func (d Date) Compare(e Date) int {
	switch a, b := d.jdn(), e.jdn(); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// At returns the instant at clock time c on d in Vietnam (Zone).
func (d Date) At(c Clock) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, int(c), 0, 0, Zone)
}

// valid reports whether d names a real day of the proleptic Gregorian
// calendar.
func (d Date) valid() bool {
	if d.Month < time.January || d.Month > time.December || d.Day < 1 || d.Year < 1 || d.Year > 9999 {
		return false
	}
	return d.Day <= daysIn(d.Year, d.Month)
}

// daysIn returns the number of days in the given month.
func daysIn(year int, m time.Month) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// jdn returns the Julian day number of d (the day count astronomers use; 1
// January 2000 is 2451545), in the proleptic Gregorian calendar.
func (d Date) jdn() int { return jdFromDate(d.Year, int(d.Month), d.Day) }

// dateFromJDN is the inverse of Date.jdn.
func dateFromJDN(j int) Date {
	y, m, d := jdToDate(j)
	return Date{y, time.Month(m), d}
}

// jdFromDate returns the Julian day number of a proleptic Gregorian date
// (Fliegel and Van Flandern's integer formula; valid for years 1–9999).
func jdFromDate(y, m, d int) int {
	a := (14 - m) / 12
	yy := y + 4800 - a
	mm := m + 12*a - 3
	return d + (153*mm+2)/5 + 365*yy + yy/4 - yy/100 + yy/400 - 32045
}

// jdToDate is the inverse of jdFromDate.
func jdToDate(jd int) (y, m, d int) {
	a := jd + 32044
	b := (4*a + 3) / 146097
	c := a - b*146097/4
	e := (4*c + 3) / 1461
	f := c - 1461*e/4
	g := (5*f + 2) / 153
	d = f - (153*g+2)/5 + 1
	m = g + 3 - 12*(g/10)
	y = b*100 + e - 4800 + g/10
	return y, m, d
}

// Clock is a time of day in whole minutes after midnight, written in JSON as
// "HH:MM" (24-hour). It is used for the reception cut-off and the due time.
type Clock int

// NewClock returns the clock time hour:minute, or an error if it is not
// between 00:00 and 23:59.
func NewClock(hour, minute int) (Clock, error) {
	if hour < 0 || hour > 23 || minute < 0 || minute > 59 {
		return 0, fmt.Errorf("%w: %02d:%02d is not a time of day", ErrInvalidRules, hour, minute)
	}
	return Clock(hour*60 + minute), nil
}

// Hour returns the hour of c (0–23).
func (c Clock) Hour() int { return int(c) / 60 }

// Minute returns the minute of c within its hour (0–59).
func (c Clock) Minute() int { return int(c) % 60 }

// String returns c as "HH:MM".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour(), c.Minute()) }

// MarshalText writes c as "HH:MM".
func (c Clock) MarshalText() ([]byte, error) {
	if c < 0 || c >= 24*60 {
		return nil, fmt.Errorf("%w: clock value %d out of range", ErrInvalidRules, int(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText reads a clock time written "HH:MM".
func (c *Clock) UnmarshalText(b []byte) error {
	t, err := time.Parse("15:04", string(b))
	if err != nil {
		return fmt.Errorf("%w: %q is not HH:MM", ErrInvalidRules, b)
	}
	*c = Clock(t.Hour()*60 + t.Minute())
	return nil
}

// sinceMidnight returns how far into its day (in Zone) t is.
func sinceMidnight(t time.Time) time.Duration {
	t = t.In(Zone)
	y, m, d := t.Date()
	return t.Sub(time.Date(y, m, d, 0, 0, 0, 0, Zone))
}
