package app

import (
	"context"
	"slices"
	"strconv"

	"hoso/iso"
)

// The view of the offices below (ISO → "Đơn vị trực thuộc"): a district or
// a province sees each office of its subtree with the state of its quality
// system in a year — processes in force, objectives met, open and overdue
// nonconformities and actions, the last audit and review — read from the
// records that office's desks synced up, the same summary its own screen and
// `hoso-node iso summary` give.

// Attention flags what an inspector looks at first in an office's
// quality system.
type Attention string

// What needs attention.
const (
	// AttentionNoProcess: no documented process in force.
	AttentionNoProcess Attention = "no_process"
	// AttentionMissedObjective: an objective of the year is missed.
	AttentionMissedObjective Attention = "missed_objective"
	// AttentionOverdueAction: a corrective action is past its due date.
	AttentionOverdueAction Attention = "overdue_action"
	// AttentionNoAudit: no internal audit held up to the year's end.
	AttentionNoAudit Attention = "no_audit"
	// AttentionNoReview: no management review held up to the year's end.
	AttentionNoReview Attention = "no_review"
)

// TreeRequest names the office at the top of the view (empty: the
// caller's) and the year (0: this year).
type TreeRequest struct {
	Office string `json:"office"`
	Year   int    `json:"year"`
}

// TreeOffice is one office of the view with its summary.
type TreeOffice struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Parent string `json:"parent"`
	// Depth is the office's depth below the view's top (0 for the top).
	Depth   int        `json:"depth"`
	Summary IsoSummary `json:"summary"`
	// ObjectivesMet counts the objectives met among Summary.Objectives.
	ObjectivesMet int         `json:"objectivesMet"`
	Attention     []Attention `json:"attention"`
}

// TreeTotals adds up the offices of the view.
type TreeTotals struct {
	Offices          int `json:"offices"`
	ProcessesInForce int `json:"processesInForce"`
	Objectives       int `json:"objectives"`
	ObjectivesMet    int `json:"objectivesMet"`
	OpenNC           int `json:"openNonconformities"`
	OpenActions      int `json:"openActions"`
	OverdueActions   int `json:"overdueActions"`
	// Attention counts the offices with at least one flag.
	Attention int `json:"attention"`
}

// TreeReply is the view of the offices below an office in a year: the
// office itself first, then its subtree breadth first.
type TreeReply struct {
	Office  string       `json:"office"`
	Year    int          `json:"year"`
	Offices []TreeOffice `json:"offices"`
	Totals  TreeTotals   `json:"totals"`
}

// maxTreeOffices bounds one view: a province's whole tree is a few hundred
// offices; more is a request for the wrong view.
const maxTreeOffices = 2000

// Tree returns the quality systems of an office and of every office below
// it that this node holds, read-only. An office the caller may not read
// (neither its own nor below it) is refused.
func (x *Iso) Tree(ctx context.Context, req TreeRequest) (TreeReply, error) {
	d, err := x.core.Deps()
	if err != nil {
		return TreeReply{}, err
	}
	top, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return TreeReply{}, err
	}
	year, err := x.isoYear(req.Year)
	if err != nil {
		return TreeReply{}, err
	}
	byCode, children, err := officeTree(d.Store)
	if err != nil {
		return TreeReply{}, err
	}
	if _, ok := byCode[top]; !ok {
		return TreeReply{}, &Error{Code: CodeNotFound, Field: "office", Message: "no office " + top, Params: map[string]string{"code": top}}
	}
	offices, depth := subtree(byCode, children, top)
	if len(offices) > maxTreeOffices {
		return TreeReply{}, &Error{Code: CodeInvalidInput, Field: "office", Message: "more than " + strconv.Itoa(maxTreeOffices) + " offices below " + top + ": choose a district",
			Params: map[string]string{"code": top}}
	}
	out := TreeReply{Office: top, Year: year, Offices: make([]TreeOffice, 0, len(offices))}
	for _, o := range offices {
		sum, err := x.Summary(ctx, SummaryRequest{Office: o.Code, Year: year})
		if err != nil {
			return TreeReply{}, err
		}
		row := TreeOffice{Code: o.Code, Name: o.Name, Parent: o.Parent, Depth: depth[o.Code] - depth[top], Summary: sum, Attention: attention(sum)}
		for _, ob := range sum.Objectives {
			if ob.Status == iso.StatusMet {
				row.ObjectivesMet++
			}
		}
		out.Offices = append(out.Offices, row)
		t := &out.Totals
		t.Offices++
		t.ProcessesInForce += sum.Processes.InForce
		t.Objectives += len(sum.Objectives)
		t.ObjectivesMet += row.ObjectivesMet
		t.OpenNC += sum.Nonconformities.Open
		t.OpenActions += sum.Actions.Open
		t.OverdueActions += sum.Actions.Overdue
		if len(row.Attention) > 0 {
			t.Attention++
		}
	}
	return out, nil
}

// attention lists what an office's summary flags, in a fixed order.
func attention(s IsoSummary) []Attention {
	out := []Attention{}
	if s.Processes.InForce == 0 {
		out = append(out, AttentionNoProcess)
	}
	if slices.ContainsFunc(s.Objectives, func(o SummaryObjective) bool { return o.Status == iso.StatusMissed }) {
		out = append(out, AttentionMissedObjective)
	}
	if s.Actions.Overdue > 0 {
		out = append(out, AttentionOverdueAction)
	}
	if s.LastAudit == nil {
		out = append(out, AttentionNoAudit)
	}
	if s.LastReview == nil {
		out = append(out, AttentionNoReview)
	}
	return out
}
