package iso

import (
	"encoding/json"
	"strings"
	"time"

	"hoso/calendar"
)

// ActionPrefix starts a corrective action: iso/action/<office>/<id>.
const ActionPrefix = "iso/action/"

// Kinds of event written under ActionPrefix.
const (
	// KindActionOpened opens a corrective action (ActionOpened) for an
	// accepted nonconformity.
	KindActionOpened = "iso.action.opened"
	// KindActionUpdated changes its analysis, action, owner or due date
	// and adds evidence (ActionUpdated).
	KindActionUpdated = "iso.action.updated"
	// KindActionClosed closes it (ActionClosed); only a leader may.
	KindActionClosed = "iso.action.closed"
	// KindActionChecked records the check of its effectiveness
	// (ActionChecked).
	KindActionChecked = "iso.action.checked"
)

// ActionKinds lists the kinds of event written under ActionPrefix.
func ActionKinds() []string {
	return []string{KindActionOpened, KindActionUpdated, KindActionClosed, KindActionChecked}
}

// ActionSubject is the subject of a corrective action.
func ActionSubject(office, id string) string { return ActionPrefix + office + "/" + id }

// DefaultCheckDays is how many days after its closure an action's
// effectiveness is checked unless it says otherwise: a quarter, long
// enough for the same cause to come back if the action did not work.
const DefaultCheckDays = 90

// MaxCheckDays bounds an action's check period.
const MaxCheckDays = 365

// CauseCategory is one category of root cause, for the analysis of a
// nonconformity and for telling whether a new one has the same cause.
type CauseCategory struct {
	Code string `json:"code"`
	VI   string `json:"vi"`
	EN   string `json:"en"`
}

// CauseCategories is the fixed list of root-cause categories (the usual
// 5M1E of a cause analysis, in the words of a one-stop office).
var CauseCategories = []CauseCategory{
	{Code: "method", VI: "Quy trình, phương pháp", EN: "Process or method"},
	{Code: "people", VI: "Con người (năng lực, trách nhiệm)", EN: "People (skills, duty)"},
	{Code: "equipment", VI: "Trang thiết bị, phần mềm", EN: "Equipment or software"},
	{Code: "input", VI: "Hồ sơ, thông tin đầu vào", EN: "Dossier or input information"},
	{Code: "measurement", VI: "Theo dõi, đo lường", EN: "Monitoring and measurement"},
	{Code: "environment", VI: "Môi trường làm việc", EN: "Working environment"},
	{Code: "external", VI: "Cơ quan phối hợp, bên ngoài", EN: "Partner office or outside"},
}

// ValidCategory reports whether code is one of CauseCategories.
func ValidCategory(code string) bool {
	for _, c := range CauseCategories {
		if c.Code == code {
			return true
		}
	}
	return false
}

// ActionOpened is the payload of KindActionOpened.
type ActionOpened struct {
	ID     string `json:"id"`
	Office string `json:"office"`
	// NC is the nonconformity's ID; Process its procedure's code.
	NC      string `json:"nc"`
	Process string `json:"process,omitempty"`
	// Analysis is the cause analysis in words, Category its root-cause
	// category (CauseCategories).
	Analysis string `json:"analysis"`
	Category string `json:"category"`
	// Action is what will be done; Owner the user of the office who does
	// it, by Due (a day, 2026-12-31).
	Action    string    `json:"action"`
	Owner     string    `json:"owner"`
	Due       string    `json:"due"`
	CheckDays int       `json:"checkDays"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
}

// ActionUpdated is the payload of KindActionUpdated: the fields it sets
// (empty ones are left as they were) and evidence it adds.
type ActionUpdated struct {
	Analysis string `json:"analysis,omitempty"`
	Category string `json:"category,omitempty"`
	Action   string `json:"action,omitempty"`
	Owner    string `json:"owner,omitempty"`
	Due      string `json:"due,omitempty"`
	// Evidence is what was done, Dossiers the dossiers that show it.
	Evidence string    `json:"evidence,omitempty"`
	Dossiers []string  `json:"dossiers,omitempty"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
}

// Evidence is one piece of evidence of an action.
type Evidence struct {
	Text     string    `json:"text,omitempty"`
	Dossiers []string  `json:"dossiers,omitempty"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
}

// ActionClosed is the payload of KindActionClosed.
type ActionClosed struct {
	Note string    `json:"note,omitempty"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// ActionChecked is the payload of KindActionChecked: whether the action
// was effective, and the nonconformities of the same cause raised since
// its closure that made it not.
type ActionChecked struct {
	Effective bool      `json:"effective"`
	Recurred  []string  `json:"recurred,omitempty"`
	Note      string    `json:"note,omitempty"`
	By        string    `json:"by"`
	At        time.Time `json:"at"`
}

// Action is a corrective action folded from its events.
type Action struct {
	ActionOpened
	Evidence []Evidence    `json:"evidence,omitempty"`
	Closed   *ActionClosed `json:"closed,omitempty"`
	// Check is the last effectiveness check.
	Check *ActionChecked `json:"check,omitempty"`
}

// Apply folds one event of the action's subject; a body that does not
// decode or does not fit is ignored. It reports whether the event changed
// the action.
func (a *Action) Apply(kind string, body []byte) bool {
	switch kind {
	case KindActionOpened:
		var o ActionOpened
		if a.ID != "" || json.Unmarshal(body, &o) != nil || o.ID == "" {
			return false
		}
		a.ActionOpened = o
		return true
	case KindActionUpdated:
		var u ActionUpdated
		if a.ID == "" || json.Unmarshal(body, &u) != nil {
			return false
		}
		set := func(dst *string, v string) {
			if v != "" {
				*dst = v
			}
		}
		set(&a.Analysis, u.Analysis)
		set(&a.Category, u.Category)
		set(&a.ActionOpened.Action, u.Action)
		set(&a.Owner, u.Owner)
		set(&a.Due, u.Due)
		if u.Evidence != "" || len(u.Dossiers) > 0 {
			a.Evidence = append(a.Evidence, Evidence{Text: u.Evidence, Dossiers: u.Dossiers, By: u.By, At: u.At})
		}
		return true
	case KindActionClosed:
		var c ActionClosed
		if a.ID == "" || a.Closed != nil || json.Unmarshal(body, &c) != nil {
			return false
		}
		a.Closed = &c
		return true
	case KindActionChecked:
		var c ActionChecked
		if a.Closed == nil || json.Unmarshal(body, &c) != nil {
			return false
		}
		a.Check = &c
		return true
	}
	return false
}

// DueDay is the action's due day, false when it has none that parses.
func (a *Action) DueDay() (time.Time, bool) {
	d, err := time.ParseInLocation(time.DateOnly, a.Due, calendar.Zone)
	return d, err == nil
}

// Overdue reports whether the action is still open after its due day.
func (a *Action) Overdue(now time.Time) bool {
	d, ok := a.DueDay()
	return ok && a.Closed == nil && !now.Before(d.AddDate(0, 0, 1))
}

// CheckFrom is when the action's effectiveness may be checked: its check
// period after its closure; the zero time while it is open.
func (a *Action) CheckFrom() time.Time {
	if a.Closed == nil {
		return time.Time{}
	}
	days := a.CheckDays
	if days < 0 {
		days = DefaultCheckDays
	}
	return a.Closed.At.AddDate(0, 0, days)
}

// Recurred returns the IDs of the nonconformities, among ncs, of the same
// cause as the action raised after its closure: of the same process, or
// whose own corrective action has the same cause category (categoryOf
// tells an NC's, "" when it has none). The action's own NC never counts.
func (a *Action) Recurred(ncs []NC, categoryOf func(nc string) string) []string {
	if a.Closed == nil {
		return nil
	}
	var out []string
	for i := range ncs {
		n := &ncs[i]
		if n.ID == a.NC || !n.RaisedAt.After(a.Closed.At) {
			continue
		}
		if (a.Process != "" && n.Process == a.Process) || (categoryOf != nil && categoryOf(n.ID) == a.Category) {
			out = append(out, n.ID)
		}
	}
	return out
}

// ActionFields are the fields of an action a person writes, checked by
// Validate.
type ActionFields struct {
	Analysis string
	Category string
	Action   string
	Owner    string
	Due      string
	// CheckDays is the check period, 0 to MaxCheckDays.
	CheckDays int
}

// Validate checks the fields of a new action: the analysis and action
// written, a category of the list, an owner, and a due day that parses, is
// not before earliest (the day the nonconformity was raised: an action
// agreed on paper may be recorded late) and not more than a year after
// today.
func (f ActionFields) Validate(earliest, today time.Time) error {
	switch {
	case strings.TrimSpace(f.Analysis) == "":
		return &FieldErr{Field: "analysis", Message: "write the cause analysis"}
	case !ValidCategory(f.Category):
		return &FieldErr{Field: "category", Message: "choose a cause category from the list"}
	case strings.TrimSpace(f.Action) == "":
		return &FieldErr{Field: "action", Message: "write the corrective action"}
	case strings.TrimSpace(f.Owner) == "":
		return &FieldErr{Field: "owner", Message: "choose who carries the action out"}
	case f.CheckDays < 0 || f.CheckDays > MaxCheckDays:
		return &FieldErr{Field: "checkDays", Message: "the check period is 0 to 365 days"}
	}
	return ValidateDue(f.Due, earliest, today)
}

// ValidateDue checks an action's due day (see ActionFields.Validate).
func ValidateDue(due string, earliest, today time.Time) error {
	d, err := time.ParseInLocation(time.DateOnly, due, calendar.Zone)
	if err != nil {
		return &FieldErr{Field: "due", Message: "write the due day as 2026-12-31"}
	}
	first := calendar.DateOf(earliest)
	if calendar.DateOf(d).Compare(first) < 0 {
		return &FieldErr{Field: "due", Message: "the due day is before the nonconformity was raised"}
	}
	if d.After(today.AddDate(1, 0, 0)) {
		return &FieldErr{Field: "due", Message: "the due day is more than a year away"}
	}
	return nil
}
