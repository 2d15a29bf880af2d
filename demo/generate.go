package demo

import (
	"cmp"
	"container/heap"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"hoso/app"
	"hoso/calendar"
	"hoso/catalog"
	"hoso/dossier"
)

// The paths a demo dossier takes, with their weights out of 100.
var paths = []struct {
	name   string
	weight int
}{
	{"normal", 57}, {"late", 10}, {"supplement", 10}, {"refused", 5},
	{"rescheduled", 6}, {"lien_thong", 7}, {"withdrawn", 3}, {"incomplete_at_desk", 2},
}

// applicants' names are drawn from these parts.
var (
	familyNames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"}
	middleNames = []string{"Thị", "Văn", "Hữu", "Đức", "Minh", "Thu", "Ngọc", "Quang", "Thanh", "Xuân"}
	givenNames  = []string{"Hồng", "Lan", "Hùng", "Dũng", "Hương", "Nam", "Bình", "Mai", "Tuấn", "Nhung", "Phương", "Sơn", "Thảo", "Long"}
	villages    = []string{"Thôn 1", "Thôn 2", "Thôn Đông", "Thôn Tây", "Xóm Chùa", "Thôn Hạ"}
)

// action is one step of a dossier's simulated life.
type action struct {
	at   time.Time
	seq  int                // tie-break, for a reproducible order
	run  func(at time.Time) // performs the step and schedules the next
	code string
}

type queue []*action

func (q queue) Len() int { return len(q) }
func (q queue) Less(i, j int) bool {
	if !q[i].at.Equal(q[j].at) {
		return q[i].at.Before(q[j].at)
	}
	return q[i].seq < q[j].seq
}
func (q queue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *queue) Push(x any)   { *q = append(*q, x.(*action)) }
func (q *queue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// generator replays the year.
type generator struct {
	c        caller
	sessions map[string]string
	opts     Options
	rep      *Report
	rng      *rand.Rand
	// q holds the steps to come of the dossiers received; receptions
	// holds the receptions to come, in order, apart from it: the queue
	// then holds only the dossiers in progress, not the year's.
	q          queue
	receptions []reception
	seq        int
	end        time.Time
	procs      []catalog.Procedure
	// communes are the communes receiving dossiers, with their staff
	// (the home commune first) and whose desk's turn it is.
	communes []communeDesks
	received int
	desks    int
	desk     int // the desk index the node is set to now
}

// reception is a citizen to come to a desk: when, and its place in the
// order of the actions (ties go to the one drawn first).
type reception struct {
	at  time.Time
	seq int
}

// communeDesks is a commune receiving dossiers: its office, its staff and
// the desk whose turn is next.
type communeDesks struct {
	office app.OfficeRecord
	staff  staff
	turn   int
}

func generate(c caller, sessions map[string]string, opts Options, rep *Report) (err error) {
	var list app.CatalogList
	if err := c.call(sessions["vanthu"], "Catalog.List", app.CatalogQuery{}, &list); err != nil {
		return fmt.Errorf("reading the catalog: %w", err)
	}
	g := &generator{c: c, sessions: sessions, opts: opts, rep: rep, rng: rand.New(rand.NewPCG(opts.Seed, 38)), end: opts.Clock.Now().Add(365 * 24 * time.Hour)}
	for _, p := range list.Procedures {
		var pr app.ProcedureReply
		if err := c.call(sessions["vanthu"], "Catalog.Get", app.ProcedureRequest{Code: p.Code}, &pr); err == nil && p.Active {
			g.procs = append(g.procs, pr.Procedure)
		}
	}
	if len(g.procs) == 0 {
		return fmt.Errorf("the catalog is empty")
	}
	if err := g.staffCommunes(); err != nil {
		return err
	}
	start := opts.Clock.Now().Add(time.Hour)
	span := g.end.Sub(start) - 24*time.Hour
	g.receptions = make([]reception, opts.Dossiers)
	for i := range g.receptions {
		// A random working day, at a random time of office hours.
		day := workingHours(start.Add(time.Duration(g.rng.Int64N(int64(span)))))
		at := time.Date(day.Year(), day.Month(), day.Day(), 7, 30, 0, 0, calendar.Zone).Add(time.Duration(g.rng.IntN(9*60)) * time.Minute)
		g.receptions[i] = reception{at: at, seq: i + 1}
	}
	slices.SortFunc(g.receptions, func(a, b reception) int {
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})
	// The steps scheduled later come after every reception at the same
	// instant, as they did when the receptions were queued first.
	g.seq = opts.Dossiers
	if opts.Hold != nil {
		release := opts.Hold()
		defer func() {
			if rerr := release(); rerr != nil && err == nil {
				err = fmt.Errorf("committing the year's last actions: %w", rerr)
			}
		}()
	}
	done := 0
	for next := 0; next < len(g.receptions) || g.q.Len() > 0; {
		if next < len(g.receptions) && (g.q.Len() == 0 || g.receptions[next].before(g.q[0])) {
			r := g.receptions[next]
			g.receptions[next] = reception{}
			next++
			if r.at.After(g.end) {
				continue
			}
			g.opts.Clock.Set(r.at)
			g.receive(r.at)
			done++
			if g.opts.Progress != nil && done%100 == 0 {
				g.opts.Progress(done, opts.Dossiers)
			}
			continue
		}
		a := heap.Pop(&g.q).(*action)
		if a.at.After(g.end) {
			continue // still to come: the dossier stays in progress
		}
		g.opts.Clock.Set(a.at)
		a.run(a.at)
	}
	g.receptions = nil
	if g.desk != 0 {
		// The node itself is desk 0 of the home commune.
		return g.setDesk(0)
	}
	return nil
}

// skip counts a step the services refused, by its kind and the rule that
// refused it ("dossier.received: desk_exhausted").
func (g *generator) skip(kind dossier.Kind, err error) {
	g.rep.Skipped++
	why := "no task"
	if e := app.AsError(err); e != nil {
		why = string(e.Code)
		if r := e.Params["rule"]; r != "" {
			why = r
		}
	}
	if g.rep.Dropped == nil {
		g.rep.Dropped = map[string]int{}
	}
	g.rep.Dropped[string(kind)+": "+why]++
}

// before tells whether the reception comes before the action.
func (r reception) before(a *action) bool {
	if !r.at.Equal(a.at) {
		return r.at.Before(a.at)
	}
	return r.seq < a.seq
}

// staffCommunes lists the communes receiving dossiers: the home commune
// with the demo's users, then the others with staff made for them.
func (g *generator) staffCommunes() error {
	n := max(g.opts.Communes, 1)
	g.desks = max(g.opts.DesksPerCommune, 1)
	g.rep.Communes, g.rep.Desks = n, g.desks
	all := provinceCommunes(n)
	g.communes = []communeDesks{{office: all[0], staff: homeStaff(g.sessions)}}
	for _, o := range all[1:n] {
		s, err := communeStaff(g.c, g.sessions, o)
		if err != nil {
			return fmt.Errorf("the staff of %s: %w", o.Code, err)
		}
		g.communes = append(g.communes, communeDesks{office: o, staff: s})
	}
	return nil
}

// setDesk makes the node receive as desk i of its office (System.SetDesk,
// as an administrator does when a desk is enrolled).
func (g *generator) setDesk(i int) error {
	if err := g.c.call("", "System.SetDesk", app.DeskRequest{Index: i}, nil); err != nil {
		return fmt.Errorf("setting the desk %d: %w", i, err)
	}
	g.desk = i
	return nil
}

func (g *generator) push(at time.Time, code string, run func(time.Time)) {
	g.seq++
	heap.Push(&g.q, &action{at: at, seq: g.seq, run: run, code: code})
}

// workingHours moves t into office hours (07:30–16:30 in Vietnam, Monday
// to Friday), forward.
func workingHours(t time.Time) time.Time {
	l := t.In(calendar.Zone)
	for {
		switch {
		case l.Weekday() == time.Saturday || l.Weekday() == time.Sunday:
			l = time.Date(l.Year(), l.Month(), l.Day()+1, 7, 30, 0, 0, calendar.Zone)
		case l.Hour() < 7 || (l.Hour() == 7 && l.Minute() < 30):
			l = time.Date(l.Year(), l.Month(), l.Day(), 7, 30, 0, 0, calendar.Zone)
		case l.Hour() >= 16 && l.Minute() >= 30 || l.Hour() >= 17:
			l = time.Date(l.Year(), l.Month(), l.Day()+1, 7, 30, 0, 0, calendar.Zone)
		default:
			return l
		}
	}
}

func (g *generator) pick() string {
	n := g.rng.IntN(100)
	for _, p := range paths {
		if n < p.weight {
			return p.name
		}
		n -= p.weight
	}
	return "normal"
}

func (g *generator) name() string {
	return familyNames[g.rng.IntN(len(familyNames))] + " " + middleNames[g.rng.IntN(len(middleNames))] + " " + givenNames[g.rng.IntN(len(givenNames))]
}

// organisations are the demo's applicant organisations (illustrative).
var organisations = []string{
	"Công ty TNHH Thương mại Đông Sơn (dữ liệu thử)",
	"Hợp tác xã Nông nghiệp Đông Hòa (dữ liệu thử)",
	"Công ty Cổ phần Xây dựng Đông Tiến (dữ liệu thử)",
}

// proxies are the demo's authorised representatives (illustrative).
var proxies = []string{"Lê Văn Hùng", "Trịnh Thị Thu", "Mai Văn Đức"}

// receive brings a citizen to the desk.
func (g *generator) receive(at time.Time) {
	// The communes take turns, by count: the paths of a seed stay as
	// they were.
	cd := &g.communes[g.received%len(g.communes)]
	g.received++
	p := g.procs[g.rng.IntN(len(g.procs))]
	path := g.pick()
	// Chosen by count, not by the random source, so the paths of a seed
	// stay as they were.
	n := g.rep.Dossiers + g.rep.Skipped + g.rep.Paths["incomplete_at_desk"]
	if path == "incomplete_at_desk" && len(required(p)) == 0 {
		// An applicant short of papers comes for a procedure that lists some.
		if listing := g.withPapers(); len(listing) > 0 {
			p = listing[n%len(listing)]
		}
	}
	docs := papers(p, path == "incomplete_at_desk", n)
	channel := dossier.ChannelInPerson
	if g.rng.IntN(10) == 0 {
		channel = dossier.ChannelPost
	}
	req := app.ReceiveRequest{
		Procedure: p.Code, Channel: channel, Documents: docs, Sets: 1,
		Applicant: dossier.Applicant{
			FullName: g.name(), CitizenID: fmt.Sprintf("0380%08d", g.rng.IntN(100000000)),
			Address: villages[g.rng.IntN(len(villages))] + ", xã " + shortName(cd.office), Phone: fmt.Sprintf("09%08d", g.rng.IntN(100000000)),
		},
		ReceivedAt: at.Format(time.RFC3339),
	}
	// Every eighth applicant is an organisation filing through its
	// director, every tenth person files through an authorised relative;
	// chosen by count, not by the random source, so the paths of a seed
	// stay as they were.
	switch {
	case n%8 == 7:
		a := &req.Applicant
		a.Kind, a.OrgID = dossier.ApplicantOrganisation, fmt.Sprintf("28010%05d", n%100000)
		a.Representative = &dossier.Representative{FullName: a.FullName, CitizenID: a.CitizenID, Relation: "Giám đốc"}
		a.FullName, a.CitizenID = organisations[n%len(organisations)], ""
	case n%10 == 9:
		req.Applicant.Representative = &dossier.Representative{FullName: proxies[n%len(proxies)], CitizenID: fmt.Sprintf("0380%08d", n), Relation: "Người được ủy quyền"}
	}
	if path == "incomplete_at_desk" {
		req.Note = "Thiếu giấy tờ theo quy định của thủ tục"
	}
	// Every fifth dossier of a procedure with an extended limit needs it
	// (verification, many pages): received with the reason the catalog gives.
	if p.ExtendedTimeLimitWD != nil && n%5 == 4 && path != "incomplete_at_desk" {
		req.Extended = p.ExtendedReason
		if req.Extended == "" {
			req.Extended = "cần xác minh"
		}
	}
	r, err := g.atDesk(cd, req)
	if err != nil || !r.Received {
		if err == nil {
			g.rep.Paths["incomplete_at_desk"]++
		} else {
			g.skip(dossier.KindReceived, err)
		}
		return
	}
	if path == "incomplete_at_desk" {
		path = "normal" // the procedure asks for no papers: received
	}
	g.rep.Dossiers++
	g.rep.Paths[path]++
	if req.Extended != "" {
		g.rep.Paths["extended"]++
	}
	g.rep.Actions++
	g.plan(cd.staff, r.Code, path, r.Dossier.Due, at)
}

// atDesk receives at the commune's desk whose turn it is; a desk that has
// issued its codes for the day sends the citizen to the next one, as a
// clerk does, until every desk of the commune is tried.
func (g *generator) atDesk(cd *communeDesks, req app.ReceiveRequest) (app.ReceiveReply, error) {
	var r app.ReceiveReply
	var err error
	for range g.desks {
		if g.desks > 1 {
			if err := g.setDesk(cd.turn % g.desks); err != nil {
				return r, err
			}
			cd.turn++
		}
		err = g.c.as(cd.staff["vanthu"], "Dossiers.Receive", req, &r)
		if e := app.AsError(err); e == nil || e.Params["rule"] != dossier.CodeDeskExhausted {
			return r, err
		}
	}
	return r, err
}

// required returns the papers a procedure requires.
func required(p catalog.Procedure) []catalog.Document {
	var out []catalog.Document
	for _, d := range p.Documents {
		if d.Required {
			out = append(out, d)
		}
	}
	return out
}

// withPapers returns the procedures that require papers, in catalog order.
func (g *generator) withPapers() []catalog.Procedure {
	var out []catalog.Procedure
	for _, p := range g.procs {
		if len(required(p)) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// papers returns what an applicant hands in: the procedure's required
// papers (a declaration when it lists none), or, short, all but one of them
// (the n-th).
func papers(p catalog.Procedure, short bool, n int) []dossier.ReceivedDocument {
	req := required(p)
	if len(req) == 0 {
		return []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}}
	}
	skip := -1
	if short {
		skip = n % len(req)
	}
	var docs []dossier.ReceivedDocument
	for i, d := range req {
		if i != skip {
			docs = append(docs, dossier.ReceivedDocument{Name: d.Name, Form: d.Form, Count: max(d.Count, 1)})
		}
	}
	if len(docs) == 0 {
		// Short of the only paper: what they bring is not on the list.
		docs = []dossier.ReceivedDocument{{Name: "Đơn đề nghị", Form: catalog.FormOriginal, Count: 1}}
	}
	return docs
}

// workingDaysAfter returns the due time of days working days counted from
// t, as the office's calendar gives it; t plus a week if it cannot tell.
func (g *generator) workingDaysAfter(t time.Time, days int) time.Time {
	var r app.DueDateReply
	req := app.DueDateRequest{Received: t.Format(time.RFC3339), WorkingDays: days}
	if err := g.c.call(g.sessions["lanhdao"], "Calendar.DueDate", req, &r); err == nil {
		if due, err := time.Parse(time.RFC3339, r.Due); err == nil {
			return due
		}
	}
	return t.Add(7 * 24 * time.Hour)
}

// step is one scheduled action of a plan.
type step struct {
	after time.Duration // after the previous step
	user  string        // the role in the commune's staff
	kind  dossier.Kind
	body  func() any
}

// plan schedules a dossier's path after its reception, worked by the
// receiving commune's staff.
func (g *generator) plan(staff staff, code, path string, due, at time.Time) {
	hours := func(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }
	untilDue := max(due.Sub(at), 2*time.Hour)
	// Work takes a share of the time to the due date; late paths overrun.
	work := time.Duration(float64(untilDue) * (0.2 + 0.5*g.rng.Float64()))
	if path == "late" {
		work = untilDue + hours(24+float64(g.rng.IntN(72)))
	}
	rating := []string{dossier.RatingVerySatisfied, dossier.RatingVerySatisfied, dossier.RatingSatisfied, dossier.RatingVerySatisfied, dossier.RatingSatisfied, dossier.RatingUnsatisfied}
	steps := []step{
		{15 * time.Minute, "vanthu", dossier.KindHandedOver, func() any { return dossier.HandedOver{} }},
		{hours(1), "chuyenvien", dossier.KindAssigned, func() any { return dossier.Assigned{} }},
	}
	switch path {
	case "withdrawn":
		steps = append(steps[:1], step{hours(20), "vanthu", dossier.KindWithdrawn, func() any { return dossier.Withdrawn{Reason: "Công dân xin rút hồ sơ"} }})
	case "supplement":
		steps = append(steps,
			step{hours(3), "chuyenvien", dossier.KindSupplementRequested, func() any {
				return dossier.SupplementRequested{Missing: []string{"Bản sao giấy khai sinh", "Giấy xác nhận cư trú"}}
			}},
			step{hours(50), "vanthu", dossier.KindSupplementReceived, func() any {
				return dossier.SupplementReceived{Documents: []dossier.ReceivedDocument{{Name: "Bản sao giấy khai sinh", Form: catalog.FormCopy, Count: 1}}}
			}})
	case "lien_thong":
		steps = append(steps,
			step{hours(2), "chuyenvien", dossier.KindTransferred, func() any {
				return dossier.Transferred{Office: department.Code, Task: "Xác minh, cho ý kiến", TimeWD: 2}
			}},
			step{hours(20), "sotuphap", dossier.KindTaskCompleted, nil})
	}
	if path == "refused" {
		steps = append(steps,
			step{work / 2, "chuyenvien", dossier.KindAppraised, func() any {
				return dossier.Appraised{Opinion: dossier.OpinionRefuse, Note: "Không đủ điều kiện"}
			}},
			step{hours(4), "lanhdao", dossier.KindRefused, func() any { return dossier.Refused{Reason: "Hồ sơ không đủ điều kiện theo quy định"} }})
	} else if path != "withdrawn" {
		if path == "rescheduled" {
			// The law allows an apology at least a working day before the
			// due date, or once the dossier is late: with two days or more
			// to go the leader apologises at once, else the day after the
			// due date has passed. "At once" is counted in office hours
			// (after the hand-over and the assignment): an apology pushed
			// past 16:30 on a Friday is made on Monday, too late for a
			// dossier due then.
			wait := hours(1)
			apology := workingHours(workingHours(workingHours(at.Add(steps[0].after)).Add(steps[1].after)).Add(wait))
			if due.Sub(apology) < 48*time.Hour {
				wait = untilDue + 26*time.Hour
			}
			steps = append(steps, step{wait, "lanhdao", dossier.KindRescheduled, func() any {
				return dossier.Rescheduled{NewDue: g.workingDaysAfter(due, 3), Reason: "Cần xác minh thêm"}
			}})
		}
		steps = append(steps, step{work / 2, "chuyenvien", dossier.KindAppraised, func() any { return dossier.Appraised{Opinion: dossier.OpinionApprove} }})
		steps = append(steps,
			step{work / 4, "chuyenvien", dossier.KindSubmitted, func() any { return dossier.Submitted{} }},
			step{work / 4, "lanhdao", dossier.KindSigned, func() any { return dossier.Signed{} }})
	}
	if path != "withdrawn" {
		steps = append(steps,
			step{hours(1), "vanthu", dossier.KindResultAtDesk, func() any { return dossier.ResultAtDesk{} }},
			step{hours(float64(2 + g.rng.IntN(60))), "vanthu", dossier.KindReturned, func() any {
				return dossier.Returned{Recipient: "Người nộp hồ sơ", Rating: rating[g.rng.IntN(len(rating))]}
			}})
	}
	g.schedule(staff, code, at, steps)
}

// schedule runs steps one after the other; a refused step ends the path
// (the dossier stays where it is, as in life).
func (g *generator) schedule(staff staff, code string, prev time.Time, steps []step) {
	if len(steps) == 0 {
		return
	}
	st := steps[0]
	at := workingHours(prev.Add(st.after))
	g.push(at, code, func(at time.Time) {
		body := any(struct{}{})
		if st.body != nil {
			body = st.body()
		}
		if st.kind == dossier.KindTaskCompleted {
			var got app.DossierReply
			if err := g.c.as(staff[st.user], "Dossiers.Get", app.DossierRequest{Code: code}, &got); err != nil || len(got.Dossier.Tasks) == 0 {
				g.skip(st.kind, err)
				return
			}
			body = dossier.TaskCompleted{Task: got.Dossier.Tasks[len(got.Dossier.Tasks)-1].ID, Note: "Đã xác minh"}
		}
		raw, _ := json.Marshal(body)
		if err := g.c.as(staff[st.user], "Dossiers.Act", app.ActRequest{Code: code, Action: string(st.kind), Body: raw, Quiet: true}, nil); err != nil {
			g.skip(st.kind, err)
			return
		}
		g.rep.Actions++
		g.schedule(staff, code, at, steps[1:])
	})
}
