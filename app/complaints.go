package app

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"hoso/calendar"
	"hoso/complaint"
	"hoso/report"
	"hoso/store"
)

// Complaints are the complaints and petitions (phản ánh, kiến nghị) about
// administrative procedures an office handles on legal time (issue 20
// item 5): received at its desk or forwarded by the province, classified,
// refused, completed, answered, published and rated. The rules are
// package complaint's; the due days are computed with the node's
// working-day calendar when the complaint is received and when it is
// answered, and kept in the record, as a dossier's are. A complaint
// handled late raises one nonconformity in the ISO log (scanComplaintNCs).
type Complaints struct {
	core *Core
	cal  *Calendar
	now  func() time.Time
	// mu makes each read-check-append one step on this desk; two desks'
	// concurrent acts meet in the fold, which keeps the first.
	mu sync.Mutex
}

// NewComplaints returns the Complaints service.
func NewComplaints(core *Core, cal *Calendar, now func() time.Time) *Complaints {
	if now == nil {
		now = time.Now
	}
	return &Complaints{core: core, cal: cal, now: now}
}

// Projection of complaints and its index.
const (
	complaintProjID = "complaint"
	// complaintIndexOffice lists a handling office's complaints:
	// "<office>\x00<id>".
	complaintIndexOffice = "office"
)

// complaintProjection folds a complaint with package complaint's rules.
// The reception applies when written by the office that says it received
// it (the handling office at its desk, or the province forwarding it);
// every other act only when written by the handling office, so no other
// office answers in its name.
var complaintProjection = jsonProjection[complaint.Complaint]{
	name:   complaintProjID,
	prefix: complaint.Prefix,
	apply: func(c *complaint.Complaint, e *store.Event) {
		office := complaint.SubjectOffice(e.Subject)
		if e.Kind == complaint.KindReceived {
			var r complaint.Received
			if !decodeBody(e, &r) || r.Office != office || r.ReceivedBy != e.Owner || complaint.Subject(office, r.ID) != e.Subject {
				return
			}
		} else if e.Owner != office {
			return
		}
		c.Apply(e.Kind, e.Body)
	},
	index: func(subject string, c *complaint.Complaint) []store.IndexEntry {
		if !c.Exists() {
			return nil
		}
		out := []store.IndexEntry{{Index: complaintIndexOffice, Key: []byte(c.Office + "\x00" + c.ID)}}
		if c.Answer != nil {
			out = append(out, fileEntries(c.Answer.Files)...)
		}
		return out
	},
}

// readComplaint reads a complaint of an office; found is false when never
// received.
func readComplaint(st *store.Store, office, id string) (complaint.Complaint, bool, error) {
	var c complaint.Complaint
	ok, err := readState(st, complaintProjID, complaint.Subject(office, id), &c)
	return c, ok && c.Exists(), err
}

// officeComplaints reads every complaint an office handles.
func officeComplaints(st *store.Store, office string) ([]complaint.Complaint, error) {
	hits, err := st.Scan(complaintProjID, complaintIndexOffice, store.ScanOptions{Prefix: []byte(office + "\x00")})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing the complaints")
	}
	var out []complaint.Complaint
	for _, h := range hits {
		var c complaint.Complaint
		if ok, err := readState(st, complaintProjID, h.Subject, &c); err != nil {
			return nil, err
		} else if ok && c.Exists() {
			out = append(out, c)
		}
	}
	return out, nil
}

// complaintRuleError turns a rule of package complaint into the error the
// UI translates.
func complaintRuleError(err *complaint.RuleError) error {
	if err == nil {
		return nil
	}
	e := FieldError(err.Field, "%s", err.Message)
	if err.Rule != "" {
		e.Code = CodeRefused
		e.Params = map[string]string{"rule": err.Rule}
	}
	return e
}

// holdsComplaint reports whether the caller holds a complaint, so that
// reading its personal data is part of the work and not logged: a user
// who acted on it, or a clerk, officer or leader of the office handling
// it. Inspectors, administrators and the offices above are logged.
func holdsComplaint(st *store.Store, c Caller, cp complaint.Complaint, evs []*store.Event) bool {
	if c.UserID == "" {
		return false
	}
	for _, e := range evs {
		if e.Actor == c.UserID {
			return true
		}
	}
	return callerOffice(st, c) == cp.Office && slices.ContainsFunc(c.Roles, func(r Role) bool { return r == RoleClerk || r == RoleOfficer || r == RoleLeader })
}

// ComplaintRequest names a complaint: its handling office (empty: the
// caller's) and its ID.
type ComplaintRequest struct {
	Office string `json:"office"`
	ID     string `json:"id"`
}

// ComplaintReply is a complaint as the caller sees it, with its lateness
// and what the caller may do.
type ComplaintReply struct {
	Subject   string              `json:"subject"`
	Complaint complaint.Complaint `json:"complaint"`
	// Late lists the acts late now (complaint.ActAnswer…); Overdue tells
	// whether the act awaited is past its due day; OnTime whether it was
	// answered by its due day.
	Late    []string `json:"late"`
	Overdue bool     `json:"overdue"`
	OnTime  bool     `json:"onTime"`
	// Names gives the full names of the users it mentions.
	Names map[string]string `json:"names"`
	// Act tells whether the caller acts on it (a user of the handling
	// office).
	Act bool `json:"act"`
	// NC is the nonconformity its lateness raised, when there is one.
	NC string `json:"nc"`
}

func (s *Complaints) reply(st *store.Store, cl Caller, c complaint.Complaint) (ComplaintReply, error) {
	now := s.now()
	out := ComplaintReply{Subject: complaint.Subject(c.Office, c.ID), Complaint: c, Late: c.Late(now), Overdue: c.Overdue(now), OnTime: c.AnsweredOnTime(),
		Names: map[string]string{}, Act: callerOffice(st, cl) == c.Office && cl.UserID != ""}
	if out.Late == nil {
		out.Late = []string{}
	}
	acts := []*complaint.Act{c.Refusal, c.Published, actOf(c.Answer), actOfRating(c.Rating), {By: c.Clerk}}
	for i := range c.More {
		acts = append(acts, &c.More[i])
	}
	for _, a := range acts {
		if a != nil && a.By != "" && a.By != "operator" {
			out.Names[a.By] = userName(st, a.By)
		}
	}
	id := complaintNCID(c.ID)
	if _, err := getNC(st, c.Office, id); err == nil {
		out.NC = id
	}
	return out, nil
}

func actOf(a *complaint.Answer) *complaint.Act {
	if a == nil {
		return nil
	}
	return &a.Act
}

func actOfRating(r *complaint.Rating) *complaint.Act {
	if r == nil {
		return nil
	}
	return &r.Act
}

// Get returns a complaint of the caller's office or of one below it. A
// caller who does not hold it (holdsComplaint) is logged in the access
// log, as for a dossier: it names a citizen.
func (s *Complaints) Get(ctx context.Context, req ComplaintRequest) (ComplaintReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return ComplaintReply{}, err
	}
	cl := CallerFrom(ctx)
	office, err := isoReadOffice(d.Store, cl, req.Office)
	if err != nil {
		return ComplaintReply{}, err
	}
	id := strings.TrimSpace(req.ID)
	c, found, err := readComplaint(d.Store, office, id)
	if err != nil {
		return ComplaintReply{}, err
	}
	if !found {
		return ComplaintReply{}, &Error{Code: CodeNotFound, Field: "id", Message: "no complaint " + id, Params: map[string]string{"id": id}}
	}
	if cl.LoggedIn() {
		evs, err := d.Store.Events(complaint.Subject(office, id))
		if err != nil {
			return ComplaintReply{}, Wrap(CodeInternal, err, "reading the complaint's records")
		}
		if !holdsComplaint(d.Store, cl, c, evs) {
			if err := recordAccess(d.Store, cl, s.now(), AccessEntry{Action: AccessRead, Method: "Complaints.Get", Scope: complaint.Subject(office, id), For: c.From.Name}); err != nil {
				return ComplaintReply{}, err
			}
		}
	}
	return s.reply(d.Store, cl, c)
}

// ComplaintsRequest filters the complaints an office handles (empty: the
// caller's): by State, and Late for those with an act late now.
type ComplaintsRequest struct {
	Office string          `json:"office"`
	State  complaint.State `json:"state"`
	Late   bool            `json:"late"`
}

// ComplaintInfo is one line of the list. The citizen's name is given only
// to those who hold the office's complaints (its clerks, officers and
// leaders), so that listing is never a read of personal data to log.
type ComplaintInfo struct {
	ID        string             `json:"id"`
	Office    string             `json:"office"`
	Received  time.Time          `json:"received"`
	Channel   complaint.Channel  `json:"channel"`
	Category  complaint.Category `json:"category"`
	From      string             `json:"from"`
	Dossier   string             `json:"dossier"`
	State     complaint.State    `json:"state"`
	Due       complaint.Dues     `json:"due"`
	Late      []string           `json:"late"`
	Overdue   bool               `json:"overdue"`
	OnTime    bool               `json:"onTime"`
	Rated     bool               `json:"rated"`
	Satisfied bool               `json:"satisfied"`
}

// ComplaintsReply lists complaints, the latest first, with how many
// nonconformities the scan for lateness raised for this call.
type ComplaintsReply struct {
	Office     string          `json:"office"`
	Complaints []ComplaintInfo `json:"complaints"`
	Raised     int             `json:"raised"`
	// Limits are the legal times in force at the office now, which the
	// complaints received from now on are computed with (each complaint
	// keeps the ones it was received with).
	Limits complaint.Limits `json:"limits"`
}

// List lists the complaints of an office (the caller's or one below it).
// For the caller's own office it first raises the nonconformities of the
// complaints handled late that were not raised yet.
func (s *Complaints) List(ctx context.Context, req ComplaintsRequest) (ComplaintsReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return ComplaintsReply{}, err
	}
	cl := CallerFrom(ctx)
	office, err := isoReadOffice(d.Store, cl, req.Office)
	if err != nil {
		return ComplaintsReply{}, err
	}
	now := s.now()
	lim, err := complaintLimits(d.Store, office)
	if err != nil {
		return ComplaintsReply{}, err
	}
	out := ComplaintsReply{Office: office, Complaints: []ComplaintInfo{}, Limits: lim.Limits}
	mine := callerOffice(d.Store, cl)
	if office == mine {
		s.mu.Lock()
		out.Raised, err = scanComplaintNCs(d.Store, office, now)
		s.mu.Unlock()
		if err != nil {
			return ComplaintsReply{}, err
		}
	}
	all, err := officeComplaints(d.Store, office)
	if err != nil {
		return ComplaintsReply{}, err
	}
	names := office == mine && cl.Has(RoleClerk, RoleOfficer, RoleLeader) && !cl.Operator
	for _, c := range all {
		late := c.Late(now)
		if (req.State != "" && c.State != req.State) || (req.Late && len(late) == 0) {
			continue
		}
		info := ComplaintInfo{ID: c.ID, Office: c.Office, Received: c.At, Channel: c.Channel, Category: c.Category, Dossier: c.Dossier, State: c.State,
			Due: c.Due, Late: late, Overdue: c.Overdue(now), OnTime: c.AnsweredOnTime(), Rated: c.Rating != nil, Satisfied: c.Rating != nil && c.Rating.Satisfied}
		if info.Late == nil {
			info.Late = []string{}
		}
		if names {
			info.From = c.From.Name
		}
		out.Complaints = append(out.Complaints, info)
	}
	slices.SortStableFunc(out.Complaints, func(a, b ComplaintInfo) int {
		if c := b.Received.Compare(a.Received); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out, nil
}

// complaintCounts counts the complaints the offices handle that were
// received in the period, for the Decision 766 index: by category
// ("unclassified" for those not classified yet), answered by their due
// day (onTime), handled late as judged at now (late: an act after its due
// day, or the answer still awaited past it), rated satisfied, and in all.
// The index helper calls it with the scope's office codes and period.
func complaintCounts(st *store.Store, offices []string, period report.Period, now time.Time) (byCategory map[string]int, onTime, late, satisfied, total int, err error) {
	byCategory = map[string]int{}
	for _, o := range offices {
		all, err := officeComplaints(st, o)
		if err != nil {
			return nil, 0, 0, 0, 0, err
		}
		for _, c := range all {
			if c.At.Before(period.Start) || !c.At.Before(period.End) {
				continue
			}
			total++
			cat := string(c.Category)
			if cat == "" {
				cat = "unclassified"
			}
			byCategory[cat]++
			if c.AnsweredOnTime() {
				onTime++
			}
			if len(c.Late(now)) > 0 {
				late++
			}
			if c.Rating != nil && c.Rating.Satisfied {
				satisfied++
			}
		}
	}
	return byCategory, onTime, late, satisfied, total, nil
}

// overdueComplaints counts the complaints of the offices whose awaited
// act is past its due day now: the dashboard's line.
func overdueComplaints(st *store.Store, offices []OfficeRecord, now time.Time) (int, error) {
	n := 0
	for _, o := range offices {
		all, err := officeComplaints(st, o.Code)
		if err != nil {
			return 0, err
		}
		for i := range all {
			if all[i].Overdue(now) {
				n++
			}
		}
	}
	return n, nil
}

// complaintDay is the day in Vietnam a complaint's ID is drawn for.
func complaintDay(t time.Time) string { return t.In(calendar.Zone).Format("060102") }
