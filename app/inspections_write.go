package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"hoso/inspect"
	"hoso/store"
)

// The writes of an inspection after its plan (inspections.go): the
// inspector's checks, findings and decisions, the inspected office's
// answers, and the count of overdue fixes for the tree.

// inspectorsInspection reads an inspection the caller may record on as
// inspector: an inspector of the inspecting office (or the operator).
func inspectorsInspection(st *store.Store, cl Caller, office, id string) (inspect.Inspection, error) {
	in, found, err := readInspection(st, strings.TrimSpace(office), strings.TrimSpace(id))
	switch {
	case err != nil:
		return in, err
	case !found:
		return in, &Error{Code: CodeNotFound, Field: "inspection", Message: "no inspection " + id, Params: map[string]string{"id": id}}
	case !cl.Has(RoleInspector) || callerOffice(st, cl) != in.Plan.InspectorOffice:
		return in, &Error{Code: CodeForbidden, Field: "inspection", Message: "only an inspector of office " + in.Plan.InspectorOffice + " records this inspection",
			Params: map[string]string{"rule": inspect.RuleInspectorOnly}}
	}
	return in, nil
}

// checkInspectEvidence refuses a dossier the inspected office's records
// held here do not show.
func checkInspectEvidence(st *store.Store, office string, ev []inspect.EvidenceRef) error {
	for n, e := range ev {
		if e.Kind == inspect.EvidenceDossier {
			if _, err := visibleDossier(st, office, e.Ref, fmt.Sprintf("evidence[%d].ref", n)); err != nil {
				return err
			}
		}
	}
	return nil
}

func trimInspectEvidence(ev []inspect.EvidenceRef) []inspect.EvidenceRef {
	out := make([]inspect.EvidenceRef, len(ev))
	for n, e := range ev {
		out[n] = inspect.EvidenceRef{Kind: e.Kind, Ref: strings.TrimSpace(e.Ref)}
	}
	return out
}

// InspectionFindingInput is a finding with its fix: to whom (a user ID of the
// inspected office) and by when (YYYY-MM-DD). An empty ID is a new
// finding, given the next "F<n>".
type InspectionFindingInput struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Owner string `json:"owner"`
	Due   string `json:"due"`
}

// CheckItemRequest records one checklist item's result. A failed item needs
// a finding: give it here (Finding) unless the item has one already.
type CheckItemRequest struct {
	Office     string                  `json:"office"`
	Inspection string                  `json:"inspection"`
	Item       string                  `json:"item"`
	Result     inspect.ItemResult      `json:"result"`
	Note       string                  `json:"note"`
	Evidence   []inspect.EvidenceRef   `json:"evidence"`
	Finding    *InspectionFindingInput `json:"finding,omitempty"`
}

// Check records an item's result with its note and evidence, and the
// finding a failed item needs, in one write.
func (s *Inspections) Check(ctx context.Context, req CheckItemRequest) (InspectionReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return InspectionReply{}, err
	}
	cl := CallerFrom(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := inspectorsInspection(d.Store, cl, req.Office, req.Inspection)
	if err != nil {
		return InspectionReply{}, err
	}
	c := inspect.ItemCheck{Item: strings.TrimSpace(req.Item), Result: req.Result, Note: strings.TrimSpace(req.Note), Evidence: trimInspectEvidence(req.Evidence), By: cl.Actor(), At: s.now().UTC()}
	if prev, ok := in.Checks[c.Item]; ok {
		c.Replaces = prev.Key()
	}
	if err := inspectRuleError(c.Validate(in.Plan)); err != nil {
		return InspectionReply{}, err
	}
	if err := checkInspectEvidence(d.Store, in.Plan.Office, c.Evidence); err != nil {
		return InspectionReply{}, err
	}
	drafts := []store.Draft{s.draft(cl, in, inspect.KindChecked, c)}
	if req.Finding != nil {
		f, err := s.finding(d.Store, cl, in, c.Item, *req.Finding)
		if err != nil {
			return InspectionReply{}, err
		}
		drafts = append(drafts, s.draft(cl, in, inspect.KindFinding, f))
	} else if c.Result == inspect.Fail && !in.HasFindingFor(c.Item) {
		return InspectionReply{}, &Error{Code: CodeInvalidInput, Field: "finding", Message: "a failed item needs a finding with its fix",
			Params: map[string]string{"rule": inspect.RuleFailNeedsFinding}}
	}
	if _, err := d.Store.AppendBatch(drafts); err != nil {
		return InspectionReply{}, appendErr(err, "saving the check")
	}
	return s.reply(d.Store, cl, in.Plan.Office, in.Plan.ID)
}

// draft is an event of the inspector's office, addressed to the inspected
// office.
func (s *Inspections) draft(cl Caller, in inspect.Inspection, kind string, body any) store.Draft {
	return store.Draft{Actor: cl.Actor(), Owner: in.Plan.InspectorOffice, Audience: []string{in.Plan.Office}, Kind: kind,
		Subject: inspect.Subject(in.Plan.Office, in.Plan.ID), Body: mustJSON(body)}
}

// finding builds and checks a finding of an item: the fix's owner must be
// an active user of the inspected office.
func (s *Inspections) finding(st *store.Store, cl Caller, in inspect.Inspection, item string, req InspectionFindingInput) (inspect.FindingWrite, error) {
	f := inspect.FindingWrite{ID: strings.TrimSpace(req.ID), Item: item, Text: strings.TrimSpace(req.Text),
		Fix: inspect.Remedy{Owner: strings.TrimSpace(req.Owner), Due: strings.TrimSpace(req.Due)}, By: cl.Actor(), At: s.now().UTC()}
	if f.ID == "" {
		for n := len(in.Findings) + 1; ; n++ {
			if f.ID = fmt.Sprintf("F%d", n); in.FindingByID(f.ID) < 0 {
				break
			}
		}
	}
	if i := in.FindingByID(f.ID); i >= 0 {
		f.Replaces = in.Findings[i].Key()
		if f.Item == "" {
			f.Item = in.Findings[i].Item
		}
	}
	if err := inspectRuleError(f.Validate(in.Plan)); err != nil {
		return f, err
	}
	if u, err := getUser(st, f.Fix.Owner); err != nil || u.Disabled || u.Office != in.Plan.Office {
		return f, &Error{Code: CodeInvalidInput, Field: "fix.owner", Message: "the fix's owner must be an active user of office " + in.Plan.Office,
			Params: map[string]string{"rule": inspect.RuleFixNeedsOwner}}
	}
	return f, nil
}

// InspectionFindingRequest adds a finding (or changes one, same ID) to an
// inspection, on an item or on the visit as a whole (Item empty).
type InspectionFindingRequest struct {
	Office     string `json:"office"`
	Inspection string `json:"inspection"`
	Item       string `json:"item"`
	InspectionFindingInput
}

// AddFinding records a finding with its fix.
func (s *Inspections) AddFinding(ctx context.Context, req InspectionFindingRequest) (InspectionReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return InspectionReply{}, err
	}
	cl := CallerFrom(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := inspectorsInspection(d.Store, cl, req.Office, req.Inspection)
	if err != nil {
		return InspectionReply{}, err
	}
	f, err := s.finding(d.Store, cl, in, strings.TrimSpace(req.Item), req.InspectionFindingInput)
	if err != nil {
		return InspectionReply{}, err
	}
	if _, err := d.Store.Append(s.draft(cl, in, inspect.KindFinding, f)); err != nil {
		return InspectionReply{}, appendErr(err, "saving the finding")
	}
	return s.reply(d.Store, cl, in.Plan.Office, in.Plan.ID)
}

// FindingAnswerRequest is the inspected office's answer to a finding: what was
// done, with evidence.
type FindingAnswerRequest struct {
	Office     string                `json:"office"`
	Inspection string                `json:"inspection"`
	Finding    string                `json:"finding"`
	Text       string                `json:"text"`
	Evidence   []inspect.EvidenceRef `json:"evidence"`
}

// Answer records the inspected office's answer, written by that office
// and addressed to the inspector's.
func (s *Inspections) Answer(ctx context.Context, req FindingAnswerRequest) (InspectionReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return InspectionReply{}, err
	}
	cl := CallerFrom(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	mine := callerOffice(d.Store, cl)
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = mine
	}
	in, found, err := readInspection(d.Store, office, strings.TrimSpace(req.Inspection))
	switch {
	case err != nil:
		return InspectionReply{}, err
	case !found:
		return InspectionReply{}, &Error{Code: CodeNotFound, Field: "inspection", Message: "no inspection " + req.Inspection, Params: map[string]string{"id": req.Inspection}}
	case mine != in.Plan.Office:
		return InspectionReply{}, &Error{Code: CodeForbidden, Field: "finding", Message: "only office " + in.Plan.Office + " answers its findings",
			Params: map[string]string{"rule": inspect.RuleOfficeAnswers}}
	}
	i := in.FindingByID(strings.TrimSpace(req.Finding))
	if i < 0 {
		return InspectionReply{}, FieldError("finding", "no finding %s", req.Finding)
	}
	if err := inspectRuleError(in.Findings[i].CanAnswer()); err != nil {
		return InspectionReply{}, err
	}
	a := inspect.OfficeAnswer{Finding: in.Findings[i].ID, Text: strings.TrimSpace(req.Text), Evidence: trimInspectEvidence(req.Evidence), By: cl.Actor(), At: s.now().UTC()}
	if err := inspectRuleError(a.Validate()); err != nil {
		return InspectionReply{}, err
	}
	if err := checkInspectEvidence(d.Store, in.Plan.Office, a.Evidence); err != nil {
		return InspectionReply{}, err
	}
	draft := store.Draft{Actor: cl.Actor(), Owner: in.Plan.Office, Audience: []string{in.Plan.InspectorOffice}, Kind: inspect.KindAnswered,
		Subject: inspect.Subject(in.Plan.Office, in.Plan.ID), Body: mustJSON(a)}
	if _, err := d.Store.Append(draft); err != nil {
		return InspectionReply{}, appendErr(err, "saving the answer")
	}
	return s.reply(d.Store, cl, in.Plan.Office, in.Plan.ID)
}

// FindingDecisionRequest closes or reopens a finding.
type FindingDecisionRequest struct {
	Office     string `json:"office"`
	Inspection string `json:"inspection"`
	Finding    string `json:"finding"`
	Note       string `json:"note"`
}

// Close closes a finding: an inspector of the inspecting office judges
// the fix done.
func (s *Inspections) Close(ctx context.Context, req FindingDecisionRequest) (InspectionReply, error) {
	return s.decide(ctx, req, inspect.KindClosed)
}

// Reopen reopens a closed finding: the fix did not hold.
func (s *Inspections) Reopen(ctx context.Context, req FindingDecisionRequest) (InspectionReply, error) {
	return s.decide(ctx, req, inspect.KindReopened)
}

func (s *Inspections) decide(ctx context.Context, req FindingDecisionRequest, kind string) (InspectionReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return InspectionReply{}, err
	}
	cl := CallerFrom(ctx)
	s.mu.Lock()
	defer s.mu.Unlock()
	in, err := inspectorsInspection(d.Store, cl, req.Office, req.Inspection)
	if err != nil {
		return InspectionReply{}, err
	}
	i := in.FindingByID(strings.TrimSpace(req.Finding))
	if i < 0 {
		return InspectionReply{}, FieldError("finding", "no finding %s", req.Finding)
	}
	rule := in.Findings[i].CanClose
	if kind == inspect.KindReopened {
		rule = in.Findings[i].CanReopen
	}
	if err := inspectRuleError(rule()); err != nil {
		return InspectionReply{}, err
	}
	dec := inspect.Ruling{Finding: in.Findings[i].ID, Note: strings.TrimSpace(req.Note), By: cl.Actor(), At: s.now().UTC()}
	if _, err := d.Store.Append(s.draft(cl, in, kind, dec)); err != nil {
		return InspectionReply{}, appendErr(err, "saving the decision")
	}
	return s.reply(d.Store, cl, in.Plan.Office, in.Plan.ID)
}

// InspectionOverdueRequest names the office at the top of the tree counted; empty
// is the caller's.
type InspectionOverdueRequest struct {
	Office string `json:"office"`
}

// InspectionOverdueRow counts one office's findings: open (not closed) and overdue.
type InspectionOverdueRow struct {
	Office  string `json:"office"`
	Open    int    `json:"open"`
	Overdue int    `json:"overdue"`
}

// InspectionOverdueReply counts the findings of the office and of each office
// below it that was inspected, for the tree; Total sums them.
type InspectionOverdueReply struct {
	Office  string                 `json:"office"`
	Offices []InspectionOverdueRow `json:"offices"`
	Total   InspectionOverdueRow   `json:"total"`
}

// Overdue counts the overdue fixes per office, the office and those
// below it.
func (s *Inspections) Overdue(ctx context.Context, req InspectionOverdueRequest) (InspectionOverdueReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return InspectionOverdueReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return InspectionOverdueReply{}, err
	}
	out := InspectionOverdueReply{Office: office, Offices: []InspectionOverdueRow{}, Total: InspectionOverdueRow{Office: office}}
	rows, err := findingCounts(d.Store, office, s.today())
	if err != nil {
		return InspectionOverdueReply{}, err
	}
	for _, r := range rows {
		out.Total.Open += r.Open
		out.Total.Overdue += r.Overdue
	}
	for _, r := range rows {
		out.Offices = append(out.Offices, *r)
	}
	slices.SortFunc(out.Offices, func(a, b InspectionOverdueRow) int { return strings.Compare(a.Office, b.Office) })
	return out, nil
}

// findingCounts counts, per inspected office at or below office, the
// findings not closed and those whose fix is past its due day on today
// (YYYY-MM-DD): what the inspections tab and the dashboard show.
func findingCounts(st *store.Store, office, today string) (map[string]*InspectionOverdueRow, error) {
	all, err := scanInspections(st, inspectionIndexOffice, "")
	if err != nil {
		return nil, err
	}
	rows := map[string]*InspectionOverdueRow{}
	for _, in := range all {
		if ok, err := officeSees(st, office, in.Plan.Office); err != nil || !ok {
			continue
		}
		r := rows[in.Plan.Office]
		if r == nil {
			r = &InspectionOverdueRow{Office: in.Plan.Office}
			rows[in.Plan.Office] = r
		}
		for _, f := range in.Findings {
			if f.State != inspect.Closed {
				r.Open++
			}
			if f.Overdue(today) {
				r.Overdue++
			}
		}
	}
	return rows, nil
}
