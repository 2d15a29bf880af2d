package app

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"hoso/iso"
	"hoso/report"
)

// ObjectiveDrillRequest asks for the dossiers behind a measured
// objective's figure, over its year or one month of it ("YYYY-MM"):
// those that count towards it, or with Missing those that miss it (late,
// not satisfied, received in person, needing a second supplement).
type ObjectiveDrillRequest struct {
	Office  string `json:"office"`
	Year    int    `json:"year"`
	ID      string `json:"id"`
	Month   string `json:"month"`
	Missing bool   `json:"missing"`
	Limit   int    `json:"limit"`
}

// ObjectiveDossiers lists the dossiers behind a measured objective's
// figure through Reports.Dossiers, with the same request a report's
// drill-down makes: an on-time rate lists the resolved dossiers (column 7)
// or the late ones (10), the online share the online (4) or in-person (5)
// receptions, satisfaction the satisfied ratings or the others.
func (x *Iso) ObjectiveDossiers(ctx context.Context, req ObjectiveDrillRequest) (DrillReply, error) {
	d, err := x.core.Deps()
	if err != nil {
		return DrillReply{}, err
	}
	office, err := isoReadOffice(d.Store, CallerFrom(ctx), req.Office)
	if err != nil {
		return DrillReply{}, err
	}
	year, err := x.isoYear(req.Year)
	if err != nil {
		return DrillReply{}, err
	}
	var r objectiveRecord
	if ok, err := readState(d.Store, isoObjectiveProjID, iso.ObjectiveSubject(office, year, strings.TrimSpace(req.ID)), &r); err != nil {
		return DrillReply{}, err
	} else if !ok || r.Objective == nil {
		return DrillReply{}, &Error{Code: CodeNotFound, Field: "id", Message: "no objective " + req.ID}
	}
	if r.Objective.Kind != iso.ObjectiveMeasured {
		return DrillReply{}, FieldError("id", "a manual objective has no dossiers behind it")
	}
	label := strconv.Itoa(year)
	if req.Month != "" {
		if m, err := time.Parse("2006-01", req.Month); err != nil || m.Year() != year {
			return DrillReply{}, FieldError("month", "the month must be YYYY-MM within %d", year)
		}
		label = req.Month
	}
	drill := DrillRequest{ReportRequest: isoPeriodRequest(office, label), Limit: req.Limit}
	switch r.Objective.Metric {
	case iso.MetricOnTimeRate:
		drill.Column = strconv.Itoa(report.ColResolved)
		if req.Missing {
			drill.Column = strconv.Itoa(report.ColLate)
		}
	case iso.MetricOnlineShare:
		drill.Column = strconv.Itoa(report.ColOnline)
		if req.Missing {
			drill.Column = strconv.Itoa(report.ColInPerson)
		}
	case iso.MetricSatisfaction:
		drill.Target, drill.Numerator = report.TargetSatisfied, !req.Missing
	case iso.MetricSecondSupplement:
		return x.secondSupplementDossiers(ctx, drill)
	}
	return x.reports.Dossiers(ctx, drill)
}

// secondSupplementDossiers lists the dossiers received in the period that
// needed a second request to supplement, as Reports.Dossiers lists those
// behind a report's figure.
func (x *Iso) secondSupplementDossiers(ctx context.Context, req DrillRequest) (DrillReply, error) {
	s, err := x.reports.scopeFor(ctx, req.ReportRequest)
	if err != nil {
		return DrillReply{}, err
	}
	var codes []string
	for i := range s.facts {
		if secondSupplement(&s.facts[i], s.period) {
			codes = append(codes, s.facts[i].Code)
		}
	}
	slices.Sort(codes)
	limit := req.Limit
	if limit <= 0 || limit > drillLimit {
		limit = 200
	}
	out := DrillReply{Total: len(codes), Items: []DossierSummary{}}
	judge, err := x.reports.standingsNow(s)
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
