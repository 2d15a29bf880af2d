package iso

import (
	"strconv"
	"strings"
	"time"
)

// ReviewPrefix starts a management review: iso/review/<office>/<id>.
const ReviewPrefix = "iso/review/"

// KindReviewHeld records a management review as held (Review).
const KindReviewHeld = "iso.review.held"

// ReviewSubject is the subject of a management review.
func ReviewSubject(office, id string) string { return ReviewPrefix + office + "/" + id }

// ObjectiveOutcome is an objective's result as a review reads it.
type ObjectiveOutcome struct {
	ID         string        `json:"id"`
	Name       string        `json:"name"`
	Kind       ObjectiveKind `json:"kind"`
	Unit       Unit          `json:"unit"`
	Comparison Comparison    `json:"comparison"`
	Target     float64       `json:"target"`
	Value      float64       `json:"value"`
	Known      bool          `json:"known"`
	Status     Status        `json:"status"`
}

// ProcessRate is the on-time rate of one procedure over a period: of the
// dossiers resolved, how many early or on time (II.06a's columns 7, 8 and
// 9, for that procedure).
type ProcessRate struct {
	Procedure string  `json:"procedure"`
	Name      string  `json:"name"`
	Resolved  int     `json:"resolved"`
	OnTime    int     `json:"onTime"`
	Rate      float64 `json:"rate"`
}

// CatalogChange is a version of a procedure recorded in the period: a
// change in the law or the catalog a review considers (clause 9.3.2 b).
type CatalogChange struct {
	Procedure string    `json:"procedure"`
	Name      string    `json:"name"`
	Version   int       `json:"version"`
	At        time.Time `json:"at"`
}

// Rated is a satisfaction figure: satisfied ratings of all given.
type Rated struct {
	Satisfied int     `json:"satisfied"`
	Rated     int     `json:"rated"`
	Rate      float64 `json:"rate"`
	Known     bool    `json:"known"`
}

// ReviewInputs are the inputs of a management review (ISO 9001:2015
// clause 9.3.2) compiled from the records of the period, so nobody copies
// a figure by hand.
type ReviewInputs struct {
	Office string `json:"office"`
	// From and To are the period's first and last days, YYYY-MM-DD.
	From            string             `json:"from"`
	To              string             `json:"to"`
	Objectives      []ObjectiveOutcome `json:"objectives"`
	Audits          AuditSummary       `json:"audits"`
	Nonconformities NCSummary          `json:"nonconformities"`
	Actions         ActionSummary      `json:"actions"`
	Satisfaction    Rated              `json:"satisfaction"`
	OnTime          []ProcessRate      `json:"onTime"`
	CatalogChanges  []CatalogChange    `json:"catalogChanges"`
	CompiledAt      time.Time          `json:"compiledAt"`
}

// ReviewAction is an action a review assigns: what, who, by when.
type ReviewAction struct {
	Title string `json:"title"`
	// Owner is the user name of who carries it out; OwnerName is printed.
	Owner     string `json:"owner"`
	OwnerName string `json:"ownerName,omitempty"`
	// Due is a day, YYYY-MM-DD.
	Due string `json:"due"`
}

// Review is the payload of KindReviewHeld: the review as held, with the
// inputs as compiled when it was recorded, so its minutes never change
// when later records do.
type Review struct {
	ID string `json:"id"`
	// Revision is 0 for the review as first recorded and n for the n-th
	// correction of its minutes, each made from the one before: two desks
	// correcting the same revision meet as a conflict, not a silent
	// overwrite.
	Revision int    `json:"revision"`
	Office   string `json:"office"`
	// Date is the day it was held, YYYY-MM-DD.
	Date       string         `json:"date"`
	Chair      string         `json:"chair"`
	Attendees  []string       `json:"attendees"`
	Inputs     ReviewInputs   `json:"inputs"`
	Resources  string         `json:"resources,omitempty"`
	Decisions  []string       `json:"decisions"`
	Actions    []ReviewAction `json:"actions"`
	RecordedBy string         `json:"recordedBy,omitempty"`
	RecordedAt time.Time      `json:"recordedAt"`
}

// Validate checks a review as recorded: a held date on or after its
// period's start, a chair and attendees, at least one decision, and every
// action with a title, an owner and a due date not before the review.
func (r Review) Validate() error {
	day := func(s string) (time.Time, bool) {
		t, err := time.Parse(time.DateOnly, s)
		return t, err == nil
	}
	held, ok := day(r.Date)
	switch {
	case !idPattern.MatchString(r.ID):
		return fieldErr("id", "a review's ID is 1 to 40 lower-case letters, digits or dashes")
	case r.Office == "":
		return fieldErr("office", "a review belongs to an office")
	case r.Revision < 0:
		return fieldErr("revision", "a revision is 0 or more")
	case !ok:
		return fieldErr("date", "the date held must be YYYY-MM-DD")
	}
	from, okFrom := day(r.Inputs.From)
	to, okTo := day(r.Inputs.To)
	switch {
	case !okFrom || !okTo || to.Before(from):
		return fieldErr("period", "the period reviewed must be two days, the first not after the last")
	case held.Before(from):
		return fieldErr("date", "a review is held after the start of the period it reviews")
	case strings.TrimSpace(r.Chair) == "":
		return fieldErr("chair", "say who chaired the review")
	case len(r.Attendees) == 0:
		return fieldErr("attendees", "list who attended")
	case len(r.Decisions) == 0:
		return fieldErr("decisions", "a review records at least one decision")
	}
	for _, a := range r.Attendees {
		if strings.TrimSpace(a) == "" {
			return fieldErr("attendees", "an attendee has no name")
		}
	}
	for _, d := range r.Decisions {
		if strings.TrimSpace(d) == "" {
			return fieldErr("decisions", "a decision is empty")
		}
	}
	for i, a := range r.Actions {
		due, ok := day(a.Due)
		switch {
		case strings.TrimSpace(a.Title) == "":
			return fieldErr(actionField(i, "title"), "an action needs a title")
		case strings.TrimSpace(a.Owner) == "":
			return fieldErr(actionField(i, "owner"), "an action needs an owner")
		case !ok:
			return fieldErr(actionField(i, "due"), "the due date must be YYYY-MM-DD")
		case due.Before(held):
			return fieldErr(actionField(i, "due"), "an action is due on or after the review")
		}
	}
	return nil
}

// actionField names a field of the i-th action.
func actionField(i int, f string) string {
	return "actions[" + strconv.Itoa(i) + "]." + f
}
