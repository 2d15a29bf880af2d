package dossier

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"hoso/calendar"
	"hoso/catalog"
)

// Limits on the content of bodies that Check enforces.
const (
	// MaxTextLen is the longest free text (a name, a reason, a note), in
	// characters.
	MaxTextLen = 2000
	// MaxListLen is the most documents, missing items or changes of one
	// body.
	MaxListLen = 100
)

var (
	citizenIDRE = regexp.MustCompile(`^\d{12}$`)
	ratingRE    = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)
)

func itoa(n int) string { return strconv.Itoa(n) }

// validate checks the content of a body Check is asked about.
func validate(d *Dossier, b Body, by Actor, now time.Time) *RuleError {
	switch b := b.(type) {
	case *Received:
		return validateReceived(b)
	case *Appraised:
		if !b.Opinion.Valid() {
			return badValue("opinion", "%q is not %q, %q or %q", b.Opinion, OpinionApprove, OpinionRefuse, OpinionSupplement)
		}
		return texts(map[string]string{"note": b.Note})
	case *Consulted:
		return firstOf(required("office", b.Office), required("question", b.Question),
			nonNegative("timeWD", b.TimeWD), notBefore("due", b.Due, now))
	case *ConsultAnswered:
		return required("answer", b.Answer)
	case *Transferred:
		if b.Office == by.Office {
			return badValue("office", "a dossier is not transferred to its own office")
		}
		return firstOf(required("office", b.Office), required("task", b.Task),
			nonNegative("timeWD", b.TimeWD), notBefore("due", b.Due, now))
	case *SupplementRequested:
		return list("missing", b.Missing)
	case *SupplementReceived:
		return firstOf(documents("documents", b.Documents, false), notBefore("newDue", b.NewDue, now))
	case *PaymentRequested:
		if b.AmountVND <= 0 || b.AmountVND > catalog.MaxFeeVND {
			return badValue("amountVND", "%d is not an amount to pay", b.AmountVND)
		}
		return texts(map[string]string{"note": b.Note})
	case *PaymentReceived:
		return validatePaymentReceived(d, b, now)
	case *Refused:
		return required("reason", b.Reason)
	case *Withdrawn:
		return required("reason", b.Reason)
	case *Stopped:
		return required("reason", b.Reason)
	case *Rescheduled:
		// A dossier already late may be rescheduled (checkTimes): its new
		// date is after the old one but must not be a past day either.
		if b.NewDue.IsZero() || calendar.DateOf(b.NewDue).Before(calendar.DateOf(now)) {
			return badValue("newDue", "must be set and not a past day")
		}
		return required("reason", b.Reason)
	case *Returned:
		if b.Rating != "" && !ratingRE.MatchString(b.Rating) {
			return badValue("rating", "%q is not a rating value", b.Rating)
		}
		return texts(map[string]string{"recipient": b.Recipient, "comment": b.Comment})
	case *Rated:
		if !ratingRE.MatchString(b.Rating) {
			return badValue("rating", "%q is not a rating value", b.Rating)
		}
		return texts(map[string]string{"comment": b.Comment})
	case *Corrected:
		return validateCorrected(d, b)
	case *ResultAtDesk:
		return firstOf(fileRefs("files", b.Files, false), texts(map[string]string{"note": b.Note}))
	case *Scanned:
		return fileRefs("files", b.Files, true)
	}
	return nil
}

func validateReceived(b *Received) *RuleError {
	code, err := ParseCode(b.Code)
	if err != nil {
		return badValue("code", "%v", err)
	}
	at := inZone(b.ReceivedAt)
	switch {
	case b.Agency != code.Agency:
		return badValue("agency", "%q is not the agency of code %s", b.Agency, b.Code)
	case b.Desk != code.Desk():
		return badValue("desk", "desk %d did not issue code %s", b.Desk, b.Code)
	case b.ReceivedAt.IsZero():
		return badValue("receivedAt", "required")
	case code.Day != calendar.DateOf(at):
		return badValue("code", "code %s is not of the day of reception %s", b.Code, calendar.DateOf(at))
	case b.Due.IsZero() || b.Due.Before(b.ReceivedAt):
		return badValue("due", "the due date must not be before the reception")
	case b.Procedure.TimeLimitWD < 0 || b.Procedure.TimeLimitWD > catalog.MaxTimeLimitWD:
		return badValue("procedure.timeLimitWD", "%d is not a time limit", b.Procedure.TimeLimitWD)
	case outOfDays(b.Procedure.SupplementLimitWD):
		return badValue("procedure.supplementLimitWD", "%d is not a number of working days", *b.Procedure.SupplementLimitWD)
	case outOfDays(b.Procedure.RescheduleNoticeWD):
		return badValue("procedure.rescheduleNoticeWD", "%d is not a number of working days", *b.Procedure.RescheduleNoticeWD)
	case b.Extension != nil && (b.Extension.LimitWD < b.Procedure.TimeLimitWD || b.Extension.LimitWD > catalog.MaxTimeLimitWD):
		return badValue("extension.limitWD", "%d is not an extended limit of a %d-working-day procedure", b.Extension.LimitWD, b.Procedure.TimeLimitWD)
	case !b.Channel.Valid():
		return badValue("channel", "%q is not in_person, post or online", b.Channel)
	case b.Sets < 1 || b.Sets > catalog.MaxDocumentCount:
		return badValue("sets", "%d is not a number of sets", b.Sets)
	}
	if _, err := NewBook(at.Year(), b.Desk, b.Book.Book, b.Book.Number); err != nil || BookVolume(at.Year(), b.Desk, b.Book.Book) != b.Book.Volume {
		return badValue("book", "%s is not an entry of desk %d's book %q for %d", b.Book, b.Desk, b.Book.Book, at.Year())
	}
	var extension *RuleError
	if b.Extension != nil {
		extension = firstOf(required("extension.reason", b.Extension.Reason), lineText("extension.reason", b.Extension.Reason))
	}
	return firstOf(
		required("procedure.code", b.Procedure.Code),
		extension,
		validateFeeQuote(b.FeeQuote),
		validateApplicant(b.Applicant),
		texts(map[string]string{"procedure.name": b.Procedure.Name, "formSet": b.FormSet}),
		documents("documents", b.Documents, true),
	)
}

// validateCorrected checks a correction's values: each new value by the
// rules of its field (an applicant's text, identifier or kind by the
// applicant's rules, naming changes[i].new with the corrected field in
// Params "target"), then, when the applicant changes, the applicant as
// corrected by the rules between its fields (naming the applicant's
// field). Texts of the applicant that the correction leaves alone are not
// checked again: a dossier received before these rules can still be
// corrected.
func validateCorrected(d *Dossier, b *Corrected) *RuleError {
	if len(b.Changes) == 0 || len(b.Changes) > MaxListLen {
		return badValue("changes", "between 1 and %d changes", MaxListLen)
	}
	seen := map[string]bool{}
	applicant := false
	for i, c := range b.Changes {
		at := "changes[" + itoa(i) + "]"
		switch {
		case seen[c.Field]:
			return badValue(at+".field", "%s is changed twice", c.Field)
		case c.Old == c.New:
			return badValue(at+".new", "the new value is the old one")
		case c.Field == "channel" && !Channel(c.New).Valid():
			return badValue(at+".new", "%q is not in_person, post or online", c.New)
		case c.Field == "applicant.kind" && (c.New == "" || !ApplicantKind(c.New).Valid()):
			return badValue(at+".new", "%q is neither %q nor %q", c.New, ApplicantPerson, ApplicantOrganisation)
		case c.Field == "applicant.fullName" || c.Field == "procedure.code":
			if re := required(at+".new", c.New); re != nil {
				return re
			}
		}
		seen[c.Field] = true
		if strings.HasPrefix(c.Field, "applicant.") {
			applicant = true
			re := lineText(at+".new", c.New)
			switch c.Field {
			case "applicant.citizenId", "applicant.representative.citizenId":
				re = firstOf(re, citizenID(at+".new", c.New))
			case "applicant.orgId":
				re = firstOf(re, orgID(at+".new", c.New))
			case "applicant.phone":
				re = firstOf(re, phone(at+".new", c.New))
			}
			if re != nil {
				return re.with("target", c.Field)
			}
		}
		if re := texts(map[string]string{at + ".new": c.New}); re != nil {
			return re
		}
	}
	if applicant && d != nil {
		probe := *d
		for _, c := range b.Changes {
			if f, ok := fields[c.Field]; ok {
				f.set(&probe, c.New)
			}
		}
		if re := applicantConsistency(probe.Applicant); re != nil {
			return re
		}
	}
	return required("reason", b.Reason)
}

// documents checks a list of received papers; it may be empty unless
// nonEmpty.
func documents(name string, docs []ReceivedDocument, nonEmpty bool) *RuleError {
	if (nonEmpty && len(docs) == 0) || len(docs) > MaxListLen {
		return badValue(name, "between %d and %d documents", map[bool]int{true: 1}[nonEmpty], MaxListLen)
	}
	for i, doc := range docs {
		at := name + "[" + itoa(i) + "]"
		switch {
		case !doc.Form.Valid():
			return badValue(at+".form", "%q is not original, certified_copy or copy", doc.Form)
		case doc.Count < 1 || doc.Count > catalog.MaxDocumentCount:
			return badValue(at+".count", "%d is not a number of copies", doc.Count)
		}
		if re := firstOf(required(at+".name", doc.Name), documentFiles(at, doc)); re != nil {
			return re
		}
	}
	return nil
}

// list checks a non-empty list of texts.
func list(name string, items []string) *RuleError {
	if len(items) == 0 || len(items) > MaxListLen {
		return badValue(name, "between 1 and %d items", MaxListLen)
	}
	for i, s := range items {
		if re := required(name+"["+itoa(i)+"]", s); re != nil {
			return re
		}
	}
	return nil
}

// required checks a text that must not be blank.
func required(name, s string) *RuleError {
	if strings.TrimSpace(s) == "" {
		return badValue(name, "required")
	}
	return texts(map[string]string{name: s})
}

// texts checks optional texts: valid UTF-8 of at most MaxTextLen
// characters. The first bad one in name order is reported.
func texts(m map[string]string) *RuleError {
	var bad string
	for name, s := range m {
		if (!utf8.ValidString(s) || utf8.RuneCountInString(s) > MaxTextLen) && (bad == "" || name < bad) {
			bad = name
		}
	}
	if bad != "" {
		return badValue(bad, "not text of at most %d characters", MaxTextLen)
	}
	return nil
}

// outOfDays reports whether an optional number of working days is set
// and outside 0–catalog.MaxTimeLimitWD.
func outOfDays(n *int) bool {
	return n != nil && (*n < 0 || *n > catalog.MaxTimeLimitWD)
}

func nonNegative(name string, n int) *RuleError {
	if n < 0 || n > catalog.MaxTimeLimitWD {
		return badValue(name, "%d is not a number of working days", n)
	}
	return nil
}

// notBefore checks an instant that is set and not before now.
func notBefore(name string, t, now time.Time) *RuleError {
	if t.IsZero() || t.Before(now) {
		return badValue(name, "must be set and not in the past")
	}
	return nil
}

// firstOf returns the first error of a list.
func firstOf(errs ...*RuleError) *RuleError {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}
