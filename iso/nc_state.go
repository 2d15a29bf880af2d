package iso

import (
	"encoding/json"
	"strings"
	"time"
)

// Severity grades an accepted nonconformity.
type Severity string

// The severities a review may give. An observation is recorded and
// watched but needs no corrective action.
const (
	SeverityMajor       Severity = "major"
	SeverityMinor       Severity = "minor"
	SeverityObservation Severity = "observation"
)

// Valid reports whether s is one of the severities above.
func (s Severity) Valid() bool {
	return s == SeverityMajor || s == SeverityMinor || s == SeverityObservation
}

// Verdict is what a review decides.
type Verdict string

// The verdicts of a review.
const (
	// VerdictAccepted: it is a nonconformity, graded by a Severity.
	VerdictAccepted Verdict = "accepted"
	// VerdictRejected: it is not a nonconformity (the reason says why,
	// e.g. the delay was the citizen's own request); it is closed.
	VerdictRejected Verdict = "rejected"
)

// NCReviewed is the payload of KindNCReviewed.
type NCReviewed struct {
	Verdict  Verdict   `json:"verdict"`
	Severity Severity  `json:"severity,omitempty"`
	Reason   string    `json:"reason,omitempty"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
	// Seen is how many reviews the reviewer's desk had folded when it
	// reviewed: a review that had not seen an earlier one was made
	// concurrently with it, and if they disagree the log shows a conflict
	// rather than letting the later silently win.
	Seen int `json:"seen"`
}

// NCActionOpened is the payload of KindNCActionOpened.
type NCActionOpened struct {
	Action string    `json:"action"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// NCClosed is the payload of KindNCClosed.
type NCClosed struct {
	Action string    `json:"action,omitempty"`
	Note   string    `json:"note,omitempty"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// NCState is where a nonconformity stands.
type NCState string

// The states of a nonconformity, in the order it goes through them.
const (
	StateRaised   NCState = "raised"
	StateAccepted NCState = "accepted"
	StateAction   NCState = "action"
	StateClosed   NCState = "closed"
	// StateRejected: reviewed as not a nonconformity.
	StateRejected NCState = "rejected"
)

// NC is a nonconformity folded from its events. Events are applied in the
// store's fold order, the same on every desk, so every desk folds the same
// NC.
type NC struct {
	NCRaised
	// Raises counts the NCRaised events folded: two desks raising the
	// same cause write the same subject, and the first raise is kept.
	Raises int `json:"raises"`
	// Review is the review in force (the last folded); Reviews counts
	// them.
	Review  *NCReviewed `json:"review,omitempty"`
	Reviews int         `json:"reviews"`
	// Conflict lists concurrent reviews that disagree, in fold order; a
	// review made after seeing them all settles it (empties it).
	Conflict []NCReviewed `json:"conflict,omitempty"`
	// Actions are the IDs of its corrective actions, in order.
	Actions []string  `json:"actions,omitempty"`
	Closed  *NCClosed `json:"closed,omitempty"`
}

// Apply folds one event of the nonconformity's subject. A body that does
// not decode, or an event that does not fit (a review before the raise),
// is ignored, so a malformed event from a peer cannot stop a fold; it
// reports whether the event changed the NC.
func (n *NC) Apply(kind string, body []byte) bool {
	switch kind {
	case KindNCRaised:
		var r NCRaised
		if json.Unmarshal(body, &r) != nil || r.ID == "" {
			return false
		}
		if n.Raises == 0 {
			n.NCRaised = r
		}
		n.Raises++
		return true
	case KindNCReviewed:
		var r NCReviewed
		if n.Raises == 0 || json.Unmarshal(body, &r) != nil || (r.Verdict != VerdictAccepted && r.Verdict != VerdictRejected) {
			return false
		}
		switch {
		case r.Seen >= n.Reviews:
			n.Conflict = nil
		case n.Review != nil && (n.Review.Verdict != r.Verdict || n.Review.Severity != r.Severity):
			if len(n.Conflict) == 0 {
				n.Conflict = append(n.Conflict, *n.Review)
			}
			n.Conflict = append(n.Conflict, r)
		}
		n.Review = &r
		n.Reviews++
		return true
	case KindNCActionOpened:
		var a NCActionOpened
		if n.Raises == 0 || json.Unmarshal(body, &a) != nil || a.Action == "" {
			return false
		}
		for _, id := range n.Actions {
			if id == a.Action {
				return false
			}
		}
		n.Actions = append(n.Actions, a.Action)
		return true
	case KindNCClosed:
		var c NCClosed
		if n.Raises == 0 || n.Closed != nil || json.Unmarshal(body, &c) != nil {
			return false
		}
		n.Closed = &c
		return true
	}
	return false
}

// State says where the nonconformity stands.
func (n *NC) State() NCState {
	switch {
	case n.Closed != nil:
		return StateClosed
	case n.Review != nil && n.Review.Verdict == VerdictRejected:
		return StateRejected
	case len(n.Actions) > 0:
		return StateAction
	case n.Review != nil:
		return StateAccepted
	}
	return StateRaised
}

// Open reports whether the nonconformity still needs work: neither closed
// nor found not to be one.
func (n *NC) Open() bool {
	s := n.State()
	return s != StateClosed && s != StateRejected
}

// NCRefusal is why an action on a nonconformity is refused now; Rule is
// a stable name the interface translates.
type NCRefusal struct {
	Rule    string
	Message string
}

func (r *NCRefusal) Error() string { return r.Message }

// CanReview says whether the nonconformity may be reviewed: not once it
// is closed.
func (n *NC) CanReview() error {
	if n.Closed != nil {
		return &NCRefusal{Rule: "nc_closed", Message: "the nonconformity is closed"}
	}
	return nil
}

// CanOpenAction says whether a corrective action may be opened for the
// nonconformity: it must be reviewed and accepted, without an open
// conflict between reviews, and not closed.
func (n *NC) CanOpenAction() error {
	switch {
	case n.Closed != nil:
		return &NCRefusal{Rule: "nc_closed", Message: "the nonconformity is closed"}
	case len(n.Conflict) > 0:
		return &NCRefusal{Rule: "nc_review_conflict", Message: "two reviews disagree: review it again first"}
	case n.Review == nil:
		return &NCRefusal{Rule: "nc_not_reviewed", Message: "review the nonconformity first"}
	case n.Review.Verdict != VerdictAccepted:
		return &NCRefusal{Rule: "nc_rejected", Message: "the review found it is not a nonconformity"}
	}
	return nil
}

// ValidateReview checks a review before it is written; the error's Field
// names the request field.
func ValidateReview(r NCReviewed) error {
	switch r.Verdict {
	case VerdictAccepted:
		if !r.Severity.Valid() {
			return &FieldErr{Field: "severity", Message: "choose major, minor or observation"}
		}
	case VerdictRejected:
		if strings.TrimSpace(r.Reason) == "" {
			return &FieldErr{Field: "reason", Message: "say why it is not a nonconformity"}
		}
		if r.Severity != "" {
			return &FieldErr{Field: "severity", Message: "a rejected nonconformity has no severity"}
		}
	default:
		return &FieldErr{Field: "verdict", Message: "the verdict must be accepted or rejected"}
	}
	return nil
}

// FieldErr is a problem with one field of a request.
type FieldErr struct {
	Field   string
	Message string
}

func (e *FieldErr) Error() string { return e.Field + ": " + e.Message }
