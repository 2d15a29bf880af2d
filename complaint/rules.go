package complaint

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"hoso/calendar"
)

// Rule names, carried to the UI so a refusal is explained in words.
const (
	// RuleState: the complaint is not in a state that allows the act.
	RuleState = "complaint_state"
	// RuleNeedsText: a refusal needs its reason, a request what is
	// missing, an answer its text.
	RuleNeedsText = "complaint_needs_text"
	// RuleNeedsCategory: a complaint is classified before it is answered.
	RuleNeedsCategory = "complaint_needs_category"
	// RuleRated: the answer was rated already.
	RuleRated = "complaint_rated"
)

// RuleError is a rule an act breaks: the field at fault, the rule's name
// when a person must understand it, and a message.
type RuleError struct {
	Field   string
	Rule    string
	Message string
}

// Error returns the message.
func (e *RuleError) Error() string { return e.Message }

func fieldErr(field, format string, args ...any) *RuleError {
	return &RuleError{Field: field, Message: fmt.Sprintf(format, args...)}
}

func ruleErr(field, rule, format string, args ...any) *RuleError {
	return &RuleError{Field: field, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// open reports whether the complaint still waits for a refusal, a request
// or an answer.
func (c *Complaint) open() bool {
	return c.State == StateReceived || c.State == StateMoreRequested
}

// Can reports whether an act of kind with text may be recorded now.
func (c *Complaint) Can(kind, text string) *RuleError {
	if !c.Exists() {
		return ruleErr("id", RuleState, "the complaint was not received")
	}
	needsText := func(field string) *RuleError {
		if strings.TrimSpace(text) == "" {
			return ruleErr(field, RuleNeedsText, "%s needs its text", kind)
		}
		return nil
	}
	switch kind {
	case KindClassified:
		if !c.open() {
			return ruleErr("category", RuleState, "a complaint %s is not classified again", c.State)
		}
		return nil
	case KindRefused:
		if !c.open() {
			return ruleErr("reason", RuleState, "a complaint %s cannot be refused", c.State)
		}
		return needsText("reason")
	case KindMoreRequested:
		if !c.open() {
			return ruleErr("what", RuleState, "a complaint %s cannot be asked for more", c.State)
		}
		return needsText("what")
	case KindAnswered:
		if !c.open() {
			return ruleErr("text", RuleState, "a complaint %s cannot be answered", c.State)
		}
		if c.Category == "" {
			return ruleErr("category", RuleNeedsCategory, "classify the complaint before answering it")
		}
		return needsText("text")
	case KindPublished:
		if c.State != StateAnswered {
			return ruleErr("id", RuleState, "a complaint %s cannot be published", c.State)
		}
		return nil
	case KindRated:
		if c.State != StateAnswered && c.State != StatePublished {
			return ruleErr("satisfied", RuleState, "only an answer is rated")
		}
		if c.Rating != nil {
			return ruleErr("satisfied", RuleRated, "the answer was rated already")
		}
		return nil
	}
	return fieldErr("kind", "no act %q", kind)
}

// Apply folds one event. A body that does not decode, or an act that does
// not fit the state (a second answer written on another desk before the
// sync), is ignored, so that a peer's event cannot stop a fold; it reports
// whether the event changed the complaint.
func (c *Complaint) Apply(kind string, body []byte) bool {
	if kind == KindReceived {
		var r Received
		if c.Exists() || json.Unmarshal(body, &r) != nil || r.Validate() != nil {
			return false
		}
		c.Received, c.State = r, StateReceived
		return true
	}
	switch kind {
	case KindClassified:
		var x Classification
		if json.Unmarshal(body, &x) != nil || !x.Category.Valid() || c.Can(kind, "") != nil {
			return false
		}
		c.Category, c.Classified = x.Category, &x
	case KindRefused, KindMoreRequested, KindPublished:
		var a Act
		if json.Unmarshal(body, &a) != nil || c.Can(kind, a.Text) != nil {
			return false
		}
		switch kind {
		case KindRefused:
			c.Refusal, c.State = &a, StateRefused
		case KindMoreRequested:
			c.More, c.State = append(c.More, a), StateMoreRequested
		default:
			c.Published, c.State = &a, StatePublished
		}
	case KindAnswered:
		var a Answer
		if json.Unmarshal(body, &a) != nil || c.Can(kind, a.Text) != nil {
			return false
		}
		c.Answer, c.State, c.Due.Publish = &a, StateAnswered, a.PublishDue
	case KindRated:
		var r Rating
		if json.Unmarshal(body, &r) != nil || c.Can(kind, "") != nil {
			return false
		}
		c.Rating = &r
	default:
		return false
	}
	return true
}

// The acts whose time is judged.
const (
	ActRefuse  = "refuse"
	ActAskMore = "ask_more"
	ActAnswer  = "answer"
	ActPublish = "publish"
)

// after reports whether at falls on a day after due's day (Vietnam): an act
// on its due day, at any hour, is on time.
func after(at, due time.Time) bool {
	return !due.IsZero() && calendar.DateOf(at).After(calendar.DateOf(due))
}

// Late lists the acts that are late at now: one that came after its due
// day, or whose due day passed without it while it was still awaited. A
// refusal and a request for more are optional: they are late only when
// made after their days. The answer is awaited until the complaint is
// refused or answered, the publication once it is answered.
func (c *Complaint) Late(now time.Time) []string {
	if !c.Exists() {
		return nil
	}
	var out []string
	if c.Refusal != nil && after(c.Refusal.At, c.Due.Refuse) {
		out = append(out, ActRefuse)
	}
	if len(c.More) > 0 && after(c.More[0].At, c.Due.AskMore) {
		out = append(out, ActAskMore)
	}
	switch {
	case c.Answer != nil && after(c.Answer.At, c.Due.Answer), c.open() && after(now, c.Due.Answer):
		out = append(out, ActAnswer)
	}
	switch {
	case c.Published != nil && after(c.Published.At, c.Due.Publish), c.State == StateAnswered && after(now, c.Due.Publish):
		out = append(out, ActPublish)
	}
	return out
}

// AnsweredOnTime reports whether the complaint was answered by its due day.
func (c *Complaint) AnsweredOnTime() bool {
	return c.Answer != nil && !after(c.Answer.At, c.Due.Answer)
}

// LateCause is the cause of the nonconformity a late complaint raises:
// one per complaint, whichever act was late, so that scanning again, here
// or on another desk, never raises a second one.
func LateCause(id string) string { return "complaint:" + id + ":late" }

// Overdue reports whether the act the complaint awaits now (its answer,
// or the publication of its answer) is past its due day: the dashboard's
// count of complaints to chase.
func (c *Complaint) Overdue(now time.Time) bool {
	return (c.open() && after(now, c.Due.Answer)) || (c.State == StateAnswered && after(now, c.Due.Publish))
}
