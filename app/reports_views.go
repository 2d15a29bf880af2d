package app

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"hoso/calendar"
	"hoso/catalog"
	"hoso/dossier"
	"hoso/report"
	"hoso/store"
)

// DashboardReply is the targets dashboard of an office or subtree.
type DashboardReply struct {
	Office  string             `json:"office"`
	Period  report.Period      `json:"period"`
	Targets []report.Target    `json:"targets"`
	OnTime  []report.MonthRate `json:"onTime"`
	Overdue int                `json:"overdue"`
	DueSoon int                `json:"dueSoon"`
	// OverdueActions counts the corrective actions (ISO) of the office and
	// the offices below it open past their due day now.
	OverdueActions int `json:"overdueActions"`
	// OverdueFixes counts the fixes inspectors required of the office and
	// the offices below it that are past their due day and not closed.
	OverdueFixes int `json:"overdueFixes"`
	// Reminders counts the reminders from the offices above that the
	// office has not acknowledged yet (plans_remind.go).
	Reminders int `json:"reminders"`
	// ComplaintsOverdue counts the complaints of the office and the
	// offices below it whose answer or its publication is past due now.
	ComplaintsOverdue int       `json:"complaintsOverdue"`
	GeneratedAt       time.Time `json:"generatedAt"`
}

// levelOf is the catalog level of an office: read from its name ("UBND xã
// …" is a commune) and otherwise from its depth in the tree (a province at
// the root, districts below, communes further down).
func levelOf(o OfficeRecord, depth int) catalog.Level {
	name := " " + strings.ToLower(norm.NFC.String(o.Name)) + " "
	switch {
	case strings.Contains(name, " xã ") || strings.Contains(name, " phường ") || strings.Contains(name, " thị trấn "):
		return catalog.LevelCommune
	case strings.Contains(name, " huyện ") || strings.Contains(name, " quận ") || strings.Contains(name, " thị xã "):
		return catalog.LevelDistrict
	case strings.Contains(name, " tỉnh "):
		return catalog.LevelProvince
	}
	switch depth {
	case 0:
		return catalog.LevelProvince
	case 1:
		return catalog.LevelDistrict
	}
	return catalog.LevelCommune
}

// scopeProcedures are the active catalog procedures of the levels of the
// offices in scope: what the one-stop target counts.
func scopeProcedures(s *scope) ([]catalog.Procedure, error) {
	levels := map[catalog.Level]bool{}
	for _, o := range s.offices {
		levels[levelOf(o, s.depth[o.Code])] = true
	}
	recs, err := (&Catalog{}).all(s.st)
	if err != nil {
		return nil, err
	}
	var out []catalog.Procedure
	for _, r := range recs {
		if v, ok := r.current(); ok && v.Procedure.Active && levels[v.Procedure.Level] {
			out = append(out, v.Procedure)
		}
	}
	return out, nil
}

// satisfiedFunc reports whether a rating counts as satisfied on the
// configured scale.
func satisfiedFunc(st *store.Store) (func(string) bool, dossier.Scale, error) {
	scale, err := ratingScale(st)
	if err != nil {
		return nil, nil, err
	}
	ok := map[string]bool{}
	for _, v := range scale {
		ok[v.Value] = v.Satisfied
	}
	return func(v string) bool { return ok[v] }, scale, nil
}

// Dashboard computes the plan's four targets for the period, the on-time
// rate of the twelve months up to it, and the dossiers overdue and due soon
// now.
func (r *Reports) Dashboard(ctx context.Context, req ReportRequest) (DashboardReply, error) {
	s, err := r.scopeFor(ctx, req)
	if err != nil {
		return DashboardReply{}, err
	}
	procs, err := scopeProcedures(s)
	if err != nil {
		return DashboardReply{}, err
	}
	satisfied, _, err := satisfiedFunc(s.st)
	if err != nil {
		return DashboardReply{}, err
	}
	out := DashboardReply{
		Office: s.root.Code, Period: s.period, GeneratedAt: r.now().In(calendar.Zone),
		Targets: report.Targets(report.TargetInput{Facts: s.facts, Period: s.period, Rules: s.rules, Procedures: procs, Satisfied: satisfied}),
		OnTime:  report.OnTimeByMonth(s.facts, s.period, s.rules),
	}
	judge, err := r.standingsNow(s)
	if err != nil {
		return DashboardReply{}, err
	}
	for i := range s.facts {
		st := judge.fact(&s.facts[i])
		if st.Overdue {
			out.Overdue++
		}
		if st.DueSoon {
			out.DueSoon++
		}
	}
	now := r.now()
	fixes, err := findingCounts(s.st, s.root.Code, now.In(calendar.Zone).Format(time.DateOnly))
	if err != nil {
		return DashboardReply{}, err
	}
	for _, f := range fixes {
		out.OverdueFixes += f.Overdue
	}
	if out.Reminders, err = unacknowledged(s.st, s.root.Code); err != nil {
		return DashboardReply{}, err
	}
	if out.ComplaintsOverdue, err = overdueComplaints(s.st, s.offices, now); err != nil {
		return DashboardReply{}, err
	}
	for _, o := range s.offices {
		actions, err := officeActions(s.st, o.Code)
		if err != nil {
			return DashboardReply{}, err
		}
		for i := range actions {
			if actions[i].Overdue(now) {
				out.OverdueActions++
			}
		}
	}
	return out, nil
}

// DrillRequest selects the dossiers behind a figure: a column of II.06a
// (and a sector), a target (its numerator or the rest of its
// denominator), a month of the on-time chart, or the overdue or due-soon
// list.
type DrillRequest struct {
	ReportRequest
	Column    string `json:"column"`
	Sector    string `json:"sector"`
	Target    string `json:"target"`
	Numerator bool   `json:"numerator"`
	Month     string `json:"month"`
	List      string `json:"list"`
	Limit     int    `json:"limit"`
}

// DrillReply lists the dossiers behind a figure (the first Limit of
// Total) and, for the one-stop target, the procedures with none.
type DrillReply struct {
	Total      int              `json:"total"`
	Items      []DossierSummary `json:"items"`
	Procedures []ProcedureName  `json:"procedures,omitempty"`
}

// ProcedureName names a catalog procedure.
type ProcedureName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// drillLimit bounds a drill-down's list.
const drillLimit = 1000

// Dossiers lists the dossiers behind one figure of a report, so that every
// number can be traced to the records it counts.
func (r *Reports) Dossiers(ctx context.Context, req DrillRequest) (DrillReply, error) {
	s, err := r.scopeFor(ctx, req.ReportRequest)
	if err != nil {
		return DrillReply{}, err
	}
	match, extra, err := r.drillFilter(s, req)
	if err != nil {
		return DrillReply{}, err
	}
	var codes []string
	for i := range s.facts {
		if match(&s.facts[i]) {
			codes = append(codes, s.facts[i].Code)
		}
	}
	slices.Sort(codes)
	limit := req.Limit
	if limit <= 0 || limit > drillLimit {
		limit = 200
	}
	out := DrillReply{Total: len(codes), Items: []DossierSummary{}, Procedures: extra}
	judge, err := r.standingsNow(s)
	if err != nil {
		return DrillReply{}, err
	}
	for _, code := range codes[:min(limit, len(codes))] {
		ds, err := getDossier(s.st, code)
		if err != nil {
			return DrillReply{}, err
		}
		out.Items = append(out.Items, summarise(ds, judge))
	}
	return out, nil
}

// drillFilter returns the test a fact must pass to be listed for req.
func (r *Reports) drillFilter(s *scope, req DrillRequest) (func(*report.Fact) bool, []ProcedureName, error) {
	switch {
	case req.Column != "":
		col, err := strconv.Atoi(req.Column)
		if err != nil || col < report.ColReceived || col > report.ColOverdue {
			return nil, nil, FieldError("column", "the column must be 3 to 13")
		}
		var sec map[string]string
		if req.Sector != "" {
			if sec, err = sectors(s.st); err != nil {
				return nil, nil, err
			}
		}
		return func(f *report.Fact) bool {
			if req.Sector != "" {
				name := sec[f.Procedure]
				if name == "" {
					name = report.OtherSector
				}
				if name != req.Sector {
					return false
				}
			}
			return slices.Contains(report.Columns(f, s.period, s.rules), col)
		}, nil, nil
	case req.Target != "":
		procs, err := scopeProcedures(s)
		if err != nil {
			return nil, nil, err
		}
		satisfied, _, err := satisfiedFunc(s.st)
		if err != nil {
			return nil, nil, err
		}
		in := report.TargetInput{Period: s.period, Rules: s.rules, Procedures: procs, Satisfied: satisfied}
		ia := report.Interagency(procs)
		switch req.Target {
		case report.TargetOneStop, report.TargetSameLevel, report.TargetCrossLevel, report.TargetSatisfied:
		default:
			return nil, nil, FieldError("target", "there is no target %q", req.Target)
		}
		var missing []ProcedureName
		if req.Target == report.TargetOneStop {
			handled := map[string]bool{}
			for i := range s.facts {
				if _, num := report.TargetMember(report.TargetOneStop, &s.facts[i], &in, ia); num {
					handled[s.facts[i].Procedure] = true
				}
			}
			for _, p := range procs {
				if !handled[p.Code] {
					missing = append(missing, ProcedureName{Code: p.Code, Name: p.Name})
				}
			}
		}
		return func(f *report.Fact) bool {
			den, num := report.TargetMember(req.Target, f, &in, ia)
			if req.Target == report.TargetOneStop {
				return num
			}
			return den && num == req.Numerator
		}, missing, nil
	case req.Month != "":
		m, err := time.ParseInLocation("2006-01", req.Month, calendar.Zone)
		if err != nil {
			return nil, nil, FieldError("month", "the month must be YYYY-MM")
		}
		end := m.AddDate(0, 1, 0)
		return func(f *report.Fact) bool {
			return f.Resolved != 0 && report.Within(max(f.Resolved, f.Counted), m, end)
		}, nil, nil
	case req.List == "overdue" || req.List == "due_soon":
		judge, err := r.standingsNow(s)
		if err != nil {
			return nil, nil, err
		}
		return func(f *report.Fact) bool {
			st := judge.fact(f)
			return (req.List == "overdue" && st.Overdue) || (req.List == "due_soon" && st.DueSoon)
		}, nil, nil
	}
	return nil, nil, FieldError("column", "say which figure: a column, a target, a month or a list")
}

// ReconciliationRow is one office below in the reconciliation view.
type ReconciliationRow struct {
	report.Freshness
	Received  int `json:"received"`
	Resolved  int `json:"resolved"`
	Overdue   int `json:"overdue"`
	Conflicts int `json:"conflicts"`
	// WaitingHere counts the office's liên thông dossiers held now by the
	// office the view is for.
	WaitingHere int `json:"waitingHere"`
}

// ReconciliationReply is the reconciliation view of an office.
type ReconciliationReply struct {
	Office string              `json:"office"`
	Period report.Period       `json:"period"`
	Rows   []ReconciliationRow `json:"rows"`
}

// Reconciliation lists, per office of the subtree, how fresh its records
// are here and what a district or province officer reconciles: received
// and resolved in the period, overdue now, conflicts waiting, and its liên
// thông dossiers waiting at this office.
func (r *Reports) Reconciliation(ctx context.Context, req ReportRequest) (ReconciliationReply, error) {
	s, err := r.scopeFor(ctx, req)
	if err != nil {
		return ReconciliationReply{}, err
	}
	rows := map[string]*ReconciliationRow{}
	out := ReconciliationReply{Office: s.root.Code, Period: s.period}
	for _, fr := range r.freshness(s) {
		out.Rows = append(out.Rows, ReconciliationRow{Freshness: fr})
	}
	for i := range out.Rows {
		rows[out.Rows[i].Office] = &out.Rows[i]
	}
	judge, err := r.standingsNow(s)
	if err != nil {
		return ReconciliationReply{}, err
	}
	for i := range s.facts {
		f := &s.facts[i]
		row := rows[f.Office]
		if row == nil {
			continue
		}
		cols := report.Columns(f, s.period, s.rules)
		if slices.Contains(cols, report.ColOnline) || slices.Contains(cols, report.ColInPerson) {
			row.Received++
		}
		if slices.Contains(cols, report.ColResolved) {
			row.Resolved++
		}
		if judge.fact(f).Overdue {
			row.Overdue++
		}
	}
	count := func(index, prefix string, each func(ds dossier.Dossier)) error {
		hits, err := s.st.Scan(dossierProjID, index, store.ScanOptions{Prefix: []byte(prefix)})
		if err != nil {
			return Wrap(CodeInternal, err, "reading the dossiers")
		}
		for _, h := range hits {
			ds, err := getDossier(s.st, strings.TrimPrefix(h.Subject, dossierPrefix))
			if err != nil {
				return err
			}
			each(ds)
		}
		return nil
	}
	if err := count(dossier.IndexConflict, "open\x00", func(ds dossier.Dossier) {
		if row := rows[ds.Office]; row != nil {
			row.Conflicts++
		}
	}); err != nil {
		return ReconciliationReply{}, err
	}
	if err := count(dossier.IndexHolder, s.root.Code+"\x00", func(ds dossier.Dossier) {
		if row := rows[ds.Office]; row != nil && ds.Office != s.root.Code {
			row.WaitingHere++
		}
	}); err != nil {
		return ReconciliationReply{}, err
	}
	return out, nil
}
