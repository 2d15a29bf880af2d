package calendar

import "errors"

// The sentinel errors below are stable: callers map them to error codes with
// errors.Is. Each failure wraps exactly one of them, with the offending value
// in the message.
var (
	// ErrInvalidDate means a date does not exist or is not written
	// YYYY-MM-DD.
	ErrInvalidDate = errors.New("calendar: invalid date")

	// ErrOutOfRange means a date or year lies outside MinYear–MaxYear, the
	// years the calendar answers for.
	ErrOutOfRange = errors.New("calendar: date out of the supported range")

	// ErrNoSuchLunarDate means a lunar date does not exist: a leap month the
	// year does not have, or day 30 of a 29-day month.
	ErrNoSuchLunarDate = errors.New("calendar: no such lunar date")

	// ErrInvalidRules means the holiday rules or the due-date rules are
	// incomplete or contradictory.
	ErrInvalidRules = errors.New("calendar: invalid rules")

	// ErrInvalidOverride means a per-year override contradicts itself or
	// the rules (a date outside its year, a duplicate, a swapped working day
	// that is not a weekly rest day).
	ErrInvalidOverride = errors.New("calendar: invalid override")

	// ErrInvalidArgument means a call's argument is out of its domain (a
	// negative number of working days for a due date).
	ErrInvalidArgument = errors.New("calendar: invalid argument")
)
