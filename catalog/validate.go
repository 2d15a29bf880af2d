package catalog

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"hoso/textcheck"
)

// FieldError is one problem with one field of a procedure.
type FieldError struct {
	// Field is the field's JSON name, with the item's 0-based index for list
	// items: "name", "steps[1].hours".
	Field string
	// Code is the stable problem code (CodeRequired, CodeOutOfRange, …).
	Code string
	// Message is an English explanation that names the list item, if any.
	Message string
}

// ValidationError lists every problem Validate found in one procedure.
type ValidationError struct {
	// Code is the procedure's code as given; it may be empty or wrong.
	Code string
	// Problems lists the problems in the order of the fields.
	Problems []FieldError
}

// Error lists the problems on one line.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Field + ": " + p.Message
	}
	return fmt.Sprintf("invalid procedure %q: %s", e.Code, strings.Join(parts, "; "))
}

// Clean normalises p and validates the result, returning it when it is
// valid. Services call it on every procedure they store.
func Clean(p Procedure) (Procedure, error) {
	q := p.Normalize()
	if err := q.Validate(); err != nil {
		return Procedure{}, err
	}
	return q, nil
}

// Validate checks a normalised procedure (see Normalize) and returns a
// *ValidationError listing every problem, or nil. The rules:
//
//   - code matches NationalCodePattern or LocalCodePattern;
//   - name (≤ MaxNameLen characters) and sector (≤ MaxSectorLen) are not
//     empty; no text holds control characters or starts with "=", "+", "-"
//     or "@" (a spreadsheet would run it as a formula);
//   - the time limit and the extended limit lie in 0..MaxTimeLimitWD and the
//     extended limit is not shorter than the time limit;
//   - the fee, when set, lies in 0..MaxFeeVND; the supplement limit, when
//     set, in 1..MaxTimeLimitWD and the reschedule notice in
//     0..MaxTimeLimitWD;
//   - a fee rule has a known kind, amounts in 0..MaxFeeVND, a fixed fee its
//     amount and a per-page fee its rate, FromPage 0 or 2..MaxFeePages, an
//     online amount (fixed or provincial fees only) not above the fee,
//     exemptions named and not repeated, Effective a YYYY-MM-DD date;
//   - the extended reason (≤ MaxFeeNoteLen), deciding agency (≤ MaxNameLen)
//     and basis (≤ MaxBasisLen) are single-line text;
//   - enumeration values are known ones;
//   - documents have a name, a form and a count in 1..MaxDocumentCount;
//     agencies are not empty and not repeated, and a liên thông procedure
//     lists at least two; no list is longer than MaxListLen;
//   - steps have a name, a role and hours > 0; together they take no more
//     than the time limit in working hours (days × HoursPerWorkingDay). A
//     same-day procedure (limit 0) is allowed one working day: its steps must
//     fit in HoursPerWorkingDay hours.
func (p Procedure) Validate() error {
	if problems := p.problems(nil); len(problems) > 0 {
		return &ValidationError{Code: p.Code, Problems: problems}
	}
	return nil
}

// problems lists what is wrong with p. skip names the fields (JSON names)
// whose input could not be read at all: they are not judged again, nor are
// the rules that compare them with other fields.
func (p Procedure) problems(skip map[string]bool) []FieldError {
	v := &validator{skip: skip}
	if !v.skip["code"] {
		switch {
		case p.Code == "":
			v.add("code", CodeRequired, "the code is required")
		case !nationalCodeRE.MatchString(p.Code) && !localCodeRE.MatchString(p.Code):
			v.add("code", CodeBadFormat, "%q is neither a national code like 1.001193 nor a local code like L.HT0005", p.Code)
		}
	}
	v.text("name", "the name", p.Name, MaxNameLen, true)
	v.text("sector", "the sector", p.Sector, MaxSectorLen, true)
	v.enum("level", "the level", string(p.Level), p.Level.Valid(), levelNames)
	v.days("timeLimitWD", "the time limit", p.TimeLimitWD)
	if p.ExtendedTimeLimitWD != nil {
		ext := *p.ExtendedTimeLimitWD
		v.days("extendedTimeLimitWD", "the extended time limit", ext)
		if !v.skip["timeLimitWD"] && !v.skip["extendedTimeLimitWD"] && ext < p.TimeLimitWD && validDays(ext) && validDays(p.TimeLimitWD) {
			v.add("extendedTimeLimitWD", CodeOutOfRange, "the extended time limit (%d) is shorter than the time limit (%d)", ext, p.TimeLimitWD)
		}
	}
	v.text("extendedReason", "the reason for the extended limit", p.ExtendedReason, MaxFeeNoteLen, false)
	if p.SupplementLimitWD != nil && !v.skip["supplementLimitWD"] && (*p.SupplementLimitWD < 1 || *p.SupplementLimitWD > MaxTimeLimitWD) {
		v.add("supplementLimitWD", CodeOutOfRange, "the supplement limit must be between 1 and %d working days, got %d", MaxTimeLimitWD, *p.SupplementLimitWD)
	}
	if p.RescheduleNoticeWD != nil {
		v.days("rescheduleNoticeWD", "the reschedule notice", *p.RescheduleNoticeWD)
	}
	if p.FeeVND != nil && !v.skip["feeVND"] && (*p.FeeVND < 0 || *p.FeeVND > MaxFeeVND) {
		v.add("feeVND", CodeOutOfRange, "the fee must be between 0 and %d đồng, got %d", int64(MaxFeeVND), *p.FeeVND)
	}
	v.text("feeNote", "the fee note", p.FeeNote, MaxFeeNoteLen, false)
	v.fee(p.Fee)
	v.documents(p.Documents)
	v.agencies(p.Agencies, p.Interagency)
	v.text("decidingAgency", "the deciding agency", p.DecidingAgency, MaxNameLen, false)
	v.enum("interagency", "the inter-agency kind", string(p.Interagency), p.Interagency.Valid(), interagencyNames)
	v.steps(p.Steps, p.TimeLimitWD)
	v.enum("confidence", "the confidence", string(p.Confidence), p.Confidence.Valid(), confidenceNames)
	v.text("basis", "the basis", p.Basis, MaxBasisLen, false)
	return v.out
}

// validator collects field errors.
type validator struct {
	skip map[string]bool
	out  []FieldError
}

// skipped tells whether a field, or the list item or top-level field it
// belongs to, could not be read.
func (v *validator) skipped(field string) bool {
	if v.skip[topField(field)] {
		return true
	}
	if i := strings.IndexByte(field, ']'); i >= 0 {
		return v.skip[field[:i+1]]
	}
	return false
}

func (v *validator) add(field, code, format string, args ...any) {
	v.out = append(v.out, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// text checks a free-text value; what names it in messages.
func (v *validator) text(field, what, s string, maxLen int, required bool) {
	if v.skipped(field) {
		return
	}
	switch n := utf8.RuneCountInString(s); {
	case !utf8.ValidString(s):
		v.add(field, CodeBadFormat, "%s is not valid UTF-8 text", what)
	case strings.TrimSpace(s) == "" && required:
		v.add(field, CodeRequired, "%s is required", what)
	case n > maxLen:
		v.add(field, CodeTooLong, "%s has %d characters, more than the %d allowed", what, n, maxLen)
	case !textcheck.Valid(s, textcheck.Line):
		v.add(field, CodeBadFormat, "%s contains a line break, tab, other control character or text-direction character", what)
	case s != "" && strings.ContainsRune("=+-@", rune(s[0])):
		v.add(field, CodeBadFormat, "%s starts with %q, which a spreadsheet would run as a formula", what, s[:1])
	}
}

// enum checks an enumeration value; known lists the values it may take.
func (v *validator) enum(field, what, value string, ok bool, known string) {
	if ok || v.skipped(field) {
		return
	}
	if value == "" {
		v.add(field, CodeRequired, "%s is required", what)
		return
	}
	v.add(field, CodeBadEnum, "%s %q is not one of: %s", what, value, known)
}

// days checks a number of working days.
func (v *validator) days(field, what string, n int) {
	if !v.skip[field] && !validDays(n) {
		v.add(field, CodeOutOfRange, "%s must be between 0 and %d working days, got %d", what, MaxTimeLimitWD, n)
	}
}

// validDays tells whether n working days is an allowed time limit.
func validDays(n int) bool { return n >= 0 && n <= MaxTimeLimitWD }

// list checks a list's length and tells whether its items are worth checking.
func (v *validator) list(field, what string, n int) bool {
	if v.skip[field] {
		return false
	}
	if n > MaxListLen {
		v.add(field, CodeTooLong, "there are %d %s, more than the %d allowed", n, what, MaxListLen)
	}
	return true
}

func (v *validator) documents(docs []Document) {
	if !v.list("documents", "documents", len(docs)) {
		return
	}
	for i, d := range docs {
		at := fmt.Sprintf("documents[%d].", i)
		item := fmt.Sprintf("document %d", i+1)
		v.text(at+"name", item+": the name", d.Name, MaxNameLen, true)
		v.enum(at+"form", item+": the form", string(d.Form), d.Form.Valid(), documentFormNames)
		if !v.skipped(at+"count") && (d.Count < 1 || d.Count > MaxDocumentCount) {
			v.add(at+"count", CodeOutOfRange, "%s: the count must be between 1 and %d, got %d", item, MaxDocumentCount, d.Count)
		}
		if d.ValidMonths < 0 || d.ValidMonths > MaxValidMonths {
			v.add(at+"validMonths", CodeOutOfRange, "%s: a paper stays valid for reuse 0 (no limit) to %d months, got %d", item, MaxValidMonths, d.ValidMonths)
		}
	}
}

func (v *validator) agencies(agencies []string, kind Interagency) {
	if !v.list("agencies", "agencies", len(agencies)) {
		return
	}
	seen := make(map[string]int, len(agencies))
	for i, a := range agencies {
		field := fmt.Sprintf("agencies[%d]", i)
		v.text(field, fmt.Sprintf("agency %d", i+1), a, MaxNameLen, true)
		if j, dup := seen[a]; dup && a != "" {
			v.add(field, CodeDuplicateValue, "agency %d repeats agency %d (%q)", i+1, j+1, a)
		}
		seen[a] = i
	}
	if kind != InteragencyNone && kind.Valid() && !v.skip["interagency"] && len(agencies) < 2 {
		v.add("agencies", CodeRequired, "a liên thông procedure (%s) lists at least two agencies, got %d", kind, len(agencies))
	}
}

func (v *validator) steps(steps []Step, limitWD int) {
	if !v.list("steps", "steps", len(steps)) {
		return
	}
	const maxHours = MaxTimeLimitWD * HoursPerWorkingDay
	total, hoursOK := 0.0, true
	for i, s := range steps {
		at := fmt.Sprintf("steps[%d].", i)
		item := fmt.Sprintf("step %d", i+1)
		v.text(at+"name", item+": the name", s.Name, MaxNameLen, true)
		v.enum(at+"role", item+": the role", string(s.Role), s.Role.Valid(), roleNames)
		if v.skipped(at + "hours") {
			hoursOK = false
		} else if math.IsNaN(s.Hours) || s.Hours <= 0 || s.Hours > maxHours {
			v.add(at+"hours", CodeOutOfRange, "%s: the hours must be more than 0 and at most %d, got %v", item, maxHours, s.Hours)
			hoursOK = false
		}
		v.text(at+"form", item+": the form", s.Form, MaxFormLen, false)
		total += s.Hours
	}
	if !hoursOK || v.skip["timeLimitWD"] || !validDays(limitWD) {
		return
	}
	budget := float64(max(limitWD, 1) * HoursPerWorkingDay)
	if total > budget+1e-9 {
		v.add("steps", CodeStepsOverLimit, "the steps take %v working hours in all, more than the %v hours of a %d-working-day time limit", total, budget, limitWD)
	}
}

// topField returns the top-level field of a field path: "steps" for
// "steps[1].hours".
func topField(field string) string {
	if i := strings.IndexAny(field, "[."); i >= 0 {
		return field[:i]
	}
	return field
}
