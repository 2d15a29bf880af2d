package dossier

import (
	"errors"
	"fmt"
)

// Error codes, stable and machine-readable: the interface translates them,
// scripts match on them and a Conflict's Why is one of them. The list is
// append-only: new codes go at the end and a code never changes meaning.
const (
	// CodeWrongState means the action is not possible in the dossier's status.
	CodeWrongState = "wrong_state"
	// CodeWrongRole means none of the user's roles may take the action now.
	CodeWrongRole = "wrong_role"
	// CodeWrongOffice means the user's office may not act on the dossier now.
	CodeWrongOffice = "wrong_office"
	// CodeNotHolder means another officer holds the dossier.
	CodeNotHolder = "not_holder"
	// CodeSupplementTooLate means a supplement is requested more than three
	// working days after reception.
	CodeSupplementTooLate = "supplement_too_late"
	// CodeRescheduleOnce means the due date was already moved once.
	CodeRescheduleOnce = "reschedule_once"
	// CodeRescheduleTooLate means less than one working day is left before the due
	// date.
	CodeRescheduleTooLate = "reschedule_too_late"
	// CodeNewDueNotLater means the new due date is not after the current one.
	CodeNewDueNotLater = "new_due_not_later"
	// CodeNotReceived means an event came for a dossier not yet received.
	CodeNotReceived = "not_received"
	// CodeAlreadyReceived means the same dossier was received a second time.
	CodeAlreadyReceived = "already_received"
	// CodeAlreadyReturned means the result was returned a second time.
	CodeAlreadyReturned = "already_returned"
	// CodeAfterReturn means a change came after the result was returned.
	CodeAfterReturn = "after_return"
	// CodeAlreadyRated means the return was already rated.
	CodeAlreadyRated = "already_rated"
	// CodeNoSuchConsultation means no open consultation of the office matches.
	CodeNoSuchConsultation = "no_such_consultation"
	// CodeNoOpenTask means no open liên thông task of the office matches.
	CodeNoOpenTask = "no_open_task"
	// CodeNoSuchConflict means no open conflict has that event ID.
	CodeNoSuchConflict = "no_such_conflict"
	// CodeStaleValue means a correction's old value is not the current value
	// (someone changed the field meanwhile).
	CodeStaleValue = "stale_value"
	// CodeBadBody means an event body does not decode.
	CodeBadBody = "bad_body"
	// CodeUnknownKind means the event kind is not one this package knows.
	CodeUnknownKind = "unknown_kind"
	// CodeUnsupportedVersion means the body is of a version this package does not
	// read.
	CodeUnsupportedVersion = "unsupported_version"
	// CodeBadValue means a field of a body is missing or malformed; Params "field"
	// names it.
	CodeBadValue = "bad_value"
	// CodeBadCode means a dossier code is not <agency>-YYMMDD-XXXX.
	CodeBadCode = "bad_code"
	// CodeDeskRange means a desk index lies outside 0–MaxDesk.
	CodeDeskRange = "desk_range"
	// CodeDeskExhausted means the desk has issued MaxPerDesk codes today.
	CodeDeskExhausted = "desk_exhausted"
	// CodeBadBook means a tracking-book volume or number is malformed.
	CodeBadBook = "bad_book"
	// CodeCalendar means the calendar could not answer (a date out of its range).
	CodeCalendar = "calendar"
	// CodeBadText means a text the forms print holds a control character (a
	// line break, a tab), a bidirectional control (U+202A–U+202E,
	// U+2066–U+2069, U+200E, U+200F, U+061C) or invalid UTF-8; Params
	// "field" names it and "char" gives the character as U+XXXX ("" for
	// invalid UTF-8).
	CodeBadText = "bad_text"
	// CodeBadCitizenID means a personal identification number is not 12
	// digits; Params "field" names it.
	CodeBadCitizenID = "bad_citizen_id"
	// CodeBadOrgID means an organisation's identifier is not an enterprise
	// or tax code (10 digits, or 10 digits "-" 3 digits); Params "field".
	CodeBadOrgID = "bad_org_id"
	// CodeKindMismatch means an applicant carries an identifier of the
	// other kind: an organisation's identifier on a person, a personal
	// identification number on an organisation (the person filing for it
	// is its representative); Params "field" names the identifier.
	CodeKindMismatch = "applicant_kind_mismatch"
	// CodeRepresentativeRequired means an organisation has no representative
	// named (someone always files for it); Params "field" is
	// applicant.representative.fullName.
	CodeRepresentativeRequired = "representative_required"
	// CodeNewDueNotWorkingDay means a reschedule's new due date (Form 04)
	// falls on a weekend or a public holiday: it is a working-day deadline;
	// Params "newDue" gives the date.
	CodeNewDueNotWorkingDay = "new_due_not_working_day"
	// CodeOpinionNotAcknowledged means a leader signs the approval of a
	// dossier whose appraisal proposed refusal or a supplement without
	// acknowledging that opinion (Signed.Acknowledged); Params "opinion"
	// gives it, "field" is acknowledged.
	CodeOpinionNotAcknowledged = "opinion_not_acknowledged"
)

// RuleError is every error of this package: a stable Code, an English
// Message for logs, and Params (field names, values) for the interface's
// translated text.
type RuleError struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Params  map[string]string `json:"params,omitempty"`
}

// Error returns the message.
func (e *RuleError) Error() string { return e.Message }

// Is reports whether target is a *RuleError with the same code, so that
// errors.Is(err, &RuleError{Code: CodeWrongState}) works.
func (e *RuleError) Is(target error) bool {
	t, ok := target.(*RuleError)
	return ok && t.Code == e.Code
}

// CodeOf returns the code of err when it is or wraps a *RuleError, and ""
// otherwise.
func CodeOf(err error) string {
	var re *RuleError
	if errors.As(err, &re) {
		return re.Code
	}
	return ""
}

func ruleErr(code, format string, args ...any) *RuleError {
	return &RuleError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// with adds a parameter and returns e.
func (e *RuleError) with(key, value string) *RuleError {
	if e.Params == nil {
		e.Params = map[string]string{}
	}
	e.Params[key] = value
	return e
}

// badValue reports a malformed field of a body.
func badValue(field, format string, args ...any) *RuleError {
	return ruleErr(CodeBadValue, "%s: %s", field, fmt.Sprintf(format, args...)).with("field", field)
}
