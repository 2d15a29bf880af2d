// Package complaint holds the rules of complaints and petitions (phản ánh,
// kiến nghị) about administrative procedures (issue 20 item 5): a
// complaint is received at the desk or forwarded by the province, is
// classified, then refused, asked to be completed, or answered, and its
// answer published, each within a legal time counted in working days from
// the reception; the citizen may rate the answer. The package has no store
// and no clock: app writes the events, passes the office's working-day
// calendar in to compute the due days, and folds the events with Apply.
package complaint

import (
	"regexp"
	"strings"
	"time"

	"hoso/attach"
	"hoso/calendar"
)

// Prefix starts every complaint's subject: complaint/<handling office>/<id>.
// The handling office writes every act on it (Owner = that office); a
// complaint forwarded by the province is received by the province's event
// (Owner = the province, Audience = the handling office), so the record
// reaches both and the offices above, never a sibling.
const Prefix = "complaint/"

// Kinds of event written under Prefix.
const (
	KindReceived      = "complaint.received"
	KindClassified    = "complaint.classified"
	KindRefused       = "complaint.refused"
	KindMoreRequested = "complaint.more_requested"
	KindAnswered      = "complaint.answered"
	KindPublished     = "complaint.published"
	KindRated         = "complaint.rated"
)

// Kinds lists every kind of event written under Prefix.
func Kinds() []string {
	return []string{KindReceived, KindClassified, KindRefused, KindMoreRequested, KindAnswered, KindPublished, KindRated}
}

// Subject is the subject of a complaint handled by office.
func Subject(office, id string) string { return Prefix + office + "/" + id }

// SubjectOffice returns the handling office of a subject.
func SubjectOffice(subject string) string {
	office, _, _ := strings.Cut(strings.TrimPrefix(subject, Prefix), "/")
	return office
}

// Channel is how a complaint came in.
type Channel string

// The channels.
const (
	ChannelDesk     Channel = "desk"
	ChannelProvince Channel = "province"
	ChannelPortal   Channel = "portal"
	ChannelPhone    Channel = "phone"
	ChannelMail     Channel = "mail"
)

// Channels lists the channels in the order a form offers them.
func Channels() []Channel {
	return []Channel{ChannelDesk, ChannelProvince, ChannelPortal, ChannelPhone, ChannelMail}
}

// Valid reports whether c is one of the channels.
func (c Channel) Valid() bool {
	for _, x := range Channels() {
		if c == x {
			return true
		}
	}
	return false
}

// Category is what a complaint is about: the rules themselves (quy định
// hành chính), the handling of a procedure (hành vi xử lý, thủ tục), or the
// conduct of a civil servant (thái độ, hành vi của cán bộ).
type Category string

// The categories.
const (
	CategoryRules     Category = "rules"
	CategoryProcedure Category = "procedure"
	CategoryConduct   Category = "conduct"
)

// Categories lists the categories in the order a form offers them.
func Categories() []Category {
	return []Category{CategoryRules, CategoryProcedure, CategoryConduct}
}

// Valid reports whether c is one of the categories.
func (c Category) Valid() bool {
	return c == CategoryRules || c == CategoryProcedure || c == CategoryConduct
}

// State is where a complaint is in its handling.
type State string

// The states: received → refused | more_requested → answered → published.
const (
	StateReceived      State = "received"
	StateRefused       State = "refused"
	StateMoreRequested State = "more_requested"
	StateAnswered      State = "answered"
	StatePublished     State = "published"
)

// Dues are a complaint's due instants (the end of the due day, in Vietnam).
// Publish is known once the complaint is answered.
type Dues struct {
	Refuse  time.Time `json:"refuse"`
	AskMore time.Time `json:"askMore"`
	Answer  time.Time `json:"answer"`
	Publish time.Time `json:"publish,omitzero"`
}

// DueDates computes the due instants of a complaint received at received,
// counted like a dossier's (calendar.DueDate: from the reception day, the
// 15:00 cut-off included) with the office's calendar and due rules.
func DueDates(cal *calendar.Calendar, rules calendar.DueRules, received time.Time, l Limits) (Dues, error) {
	var out Dues
	for _, x := range []struct {
		days int
		dst  *time.Time
	}{{l.Refuse, &out.Refuse}, {l.AskMore, &out.AskMore}, {l.Answer, &out.Answer}} {
		due, err := cal.DueDate(received, x.days, rules)
		if err != nil {
			return Dues{}, err
		}
		*x.dst = due
	}
	return out, nil
}

// PublishDue computes the day the answer given at answered must be
// published by.
func PublishDue(cal *calendar.Calendar, rules calendar.DueRules, answered time.Time, l Limits) (time.Time, error) {
	return cal.DueDate(answered, l.Publish, rules)
}

// Person is who complains: a name and a way to answer them. Both are
// personal data.
type Person struct {
	Name    string `json:"name"`
	Contact string `json:"contact"`
}

// Received is the body of KindReceived: the complaint as received.
type Received struct {
	ID string `json:"id"`
	// Office handles the complaint (the subject's office); ReceivedBy is
	// the office that received it: Office itself at its desk, or the
	// province that forwarded it.
	Office     string    `json:"office"`
	ReceivedBy string    `json:"receivedBy"`
	Clerk      string    `json:"clerk"`
	At         time.Time `json:"at"`
	Channel    Channel   `json:"channel"`
	From       Person    `json:"from"`
	// Dossier is the code of the dossier it is about, when named.
	Dossier  string   `json:"dossier,omitempty"`
	Category Category `json:"category,omitempty"`
	Text     string   `json:"text"`
	Due      Dues     `json:"due"`
	// LimitsVersion names the limits the due days were computed with
	// ("38@2": the province's second; "builtin@0": DefaultLimits), so
	// that a later change is seen not to apply to it.
	LimitsVersion string `json:"limitsVersion,omitempty"`
}

var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$`)

// ValidID reports whether s may name a complaint: it is part of a subject.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Validate checks a reception.
func (r Received) Validate() error {
	switch {
	case !ValidID(r.ID):
		return fieldErr("id", "%q cannot name a complaint", r.ID)
	case r.Office == "" || r.ReceivedBy == "":
		return fieldErr("office", "a complaint needs its office")
	case !r.Channel.Valid():
		return fieldErr("channel", "no channel %q", r.Channel)
	case r.Category != "" && !r.Category.Valid():
		return fieldErr("category", "no category %q", r.Category)
	case strings.TrimSpace(r.From.Name) == "":
		return fieldErr("from.name", "say who complains")
	case strings.TrimSpace(r.Text) == "":
		return fieldErr("text", "say what the complaint is")
	case len(r.Text) > 8000 || len(r.From.Name) > 200 || len(r.From.Contact) > 300:
		return fieldErr("text", "the text is too long")
	case r.At.IsZero() || r.Due.Answer.IsZero():
		return fieldErr("at", "a complaint needs its reception time and due days")
	}
	return nil
}

// Act is one act on a complaint: who, when, and its text (the reason of a
// refusal, what more is asked, the answer, a note).
type Act struct {
	By   string    `json:"by"`
	At   time.Time `json:"at"`
	Text string    `json:"text,omitempty"`
}

// Answer is the body of KindAnswered: the answer with its files and the
// day it must be published by.
type Answer struct {
	Act
	Files      []attach.Ref `json:"files,omitempty"`
	PublishDue time.Time    `json:"publishDue"`
	// LimitsVersion names the limits PublishDue was computed with.
	LimitsVersion string `json:"limitsVersion,omitempty"`
}

// Classification is the body of KindClassified.
type Classification struct {
	Act
	Category Category `json:"category"`
}

// Rating is the body of KindRated: the citizen's rating of the answer.
type Rating struct {
	Act
	Satisfied bool `json:"satisfied"`
}

// Complaint is a complaint folded from its events.
type Complaint struct {
	Received
	State      State           `json:"state"`
	Refusal    *Act            `json:"refusal,omitempty"`
	More       []Act           `json:"more,omitempty"`
	Answer     *Answer         `json:"answer,omitempty"`
	Published  *Act            `json:"published,omitempty"`
	Rating     *Rating         `json:"rating,omitempty"`
	Classified *Classification `json:"classified,omitempty"`
}

// Exists reports whether the complaint was received.
func (c *Complaint) Exists() bool { return c.State != "" }
