package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/complaint"
	"hoso/report"
)

// indexComplaints counts the complaints (phản ánh, kiến nghị) the offices
// of a scope received in its period, for the index (complaintCounts): by
// category, handled on time — no legal time missed (refuse, ask for more,
// answer, publish) as judged at the period's data date, so that a printed
// index still verifies later — and the dossiers they name.
func indexComplaints(s *scope) (report.ComplaintCounts, error) {
	codes := make([]string, len(s.offices))
	for i, o := range s.offices {
		codes[i] = o.Code
	}
	cut := s.period.Cut()
	byCategory, _, late, _, total, err := complaintCounts(s.st, codes, s.period, cut)
	if err != nil {
		return report.ComplaintCounts{}, err
	}
	out := report.ComplaintCounts{
		Rules: byCategory[string(complaint.CategoryRules)], Procedure: byCategory[string(complaint.CategoryProcedure)],
		Conduct: byCategory[string(complaint.CategoryConduct)], Handled: total, HandledOnTime: total - late,
	}
	for _, code := range codes {
		all, err := officeComplaints(s.st, code)
		if err != nil {
			return report.ComplaintCounts{}, err
		}
		for _, c := range all {
			if c.Dossier != "" && !c.At.Before(s.period.Start) && c.At.Before(cut) {
				out.Dossiers = append(out.Dossiers, c.Dossier)
			}
		}
	}
	slices.Sort(out.Dossiers)
	out.Dossiers = slices.Compact(out.Dossiers)
	return out, nil
}

// IndexReply is the Decision 766 index of an office and the offices below
// it for a period.
type IndexReply struct {
	Office     string        `json:"office"`
	OfficeName string        `json:"officeName"`
	Period     report.Period `json:"period"`
	// Version names the index rules in force (report.IndexRules).
	Version    string                  `json:"version"`
	Indicators []report.IndexIndicator `json:"indicators"`
	// Score and Max sum the points of the indicators with a number.
	Score float64 `json:"score"`
	Max   float64 `json:"max"`
	// Procedures are the average resolution times by procedure, named.
	Procedures []IndexProcedure `json:"procedures"`
	AsOf       time.Time        `json:"asOf"`
	// Verify is the QR text printed on the index: the office, the index,
	// how many dossiers it counts and a hash of their facts.
	Verify      string    `json:"verify"`
	GeneratedAt time.Time `json:"generatedAt"`
}

// IndexProcedure is the average resolution time of one procedure.
type IndexProcedure struct {
	report.ProcedureDays
	Name string `json:"name"`
}

// indexInput reads what the index of a scope is computed from.
func indexInput(s *scope) (report.IndexInput, error) {
	satisfied, _, err := satisfiedFunc(s.st)
	if err != nil {
		return report.IndexInput{}, err
	}
	complaints, err := indexComplaints(s)
	if err != nil {
		return report.IndexInput{}, err
	}
	return report.IndexInput{Facts: s.facts, Period: s.period, Rules: s.rules, Satisfied: satisfied, Complaints: complaints}, nil
}

// computeIndex returns the indicators of the index for a resolved report
// scope: what Reports.Index shows and what the quarterly report includes.
func computeIndex(s *scope) (report.IndexResult, error) {
	in, err := indexInput(s)
	if err != nil {
		return report.IndexResult{}, err
	}
	return report.Index(in), nil
}

// indexSubject names an index in its QR text, as reportSubject does for
// II.06a.
func indexSubject(office string, p report.Period) string {
	return "report/index766/" + strings.TrimPrefix(reportSubject(office, p), "report/ii06a/")
}

// indexHash is the hash of what an index counts: its rules, the complaint
// counts and the stored facts of every dossier counted in any indicator,
// in the order they are read.
func indexHash(s *scope, in *report.IndexInput) (string, int) {
	h := sha256.New()
	rules, _ := json.Marshal(report.IndexRulesOf(s.rules))
	complaints, _ := json.Marshal(in.Complaints)
	fmt.Fprintf(h, "%s\x00%t\x00%s\x00%s\x00%s\x00%d\x00", s.rules.Window, s.rules.CountFromReceptionDay, s.rules.TimingBasis, rules, complaints, s.period.Cut().Unix())
	n := 0
	var size [binary.MaxVarintLen64]byte
	ms := indexMeasures(s.rules)
	for i := range s.facts {
		counted := false
		for _, m := range ms {
			if den, _ := report.IndexMember(m, &s.facts[i], in); den {
				counted = true
				break
			}
		}
		if !counted {
			continue
		}
		n++
		h.Write(size[:binary.PutUvarint(size[:], uint64(len(s.raw[i])))])
		h.Write(s.raw[i])
	}
	return hex.EncodeToString(h.Sum(nil))[:32], n
}

// indexMeasures are the measures of the index rules in force.
func indexMeasures(r report.Rules) []string {
	var out []string
	for _, x := range report.IndexRulesOf(r).Indicators {
		out = append(out, x.Measure)
	}
	return out
}

// indexReply computes the index of a scope.
func (r *Reports) indexReply(s *scope) (IndexReply, error) {
	res, err := computeIndex(s)
	if err != nil {
		return IndexReply{}, err
	}
	in, err := indexInput(s)
	if err != nil {
		return IndexReply{}, err
	}
	hash, n := indexHash(s, &in)
	names, err := procedureNames(s)
	if err != nil {
		return IndexReply{}, err
	}
	out := IndexReply{
		Office: s.root.Code, OfficeName: s.root.Name, Period: s.period, Version: res.Version, Indicators: res.Indicators,
		Score: res.Score, Max: res.Max, Procedures: make([]IndexProcedure, len(res.Procedures)), AsOf: s.period.Cut(),
		Verify:      strings.Join([]string{verifyPrefix, s.root.Code, indexSubject(s.root.Code, s.period), fmt.Sprint(n), hash}, "|"),
		GeneratedAt: r.now().In(calendar.Zone),
	}
	for i, p := range res.Procedures {
		out.Procedures[i] = IndexProcedure{ProcedureDays: p, Name: names[p.Procedure]}
	}
	return out, nil
}

// procedureNames maps the catalog's procedure codes to their names.
func procedureNames(s *scope) (map[string]string, error) {
	recs, err := (&Catalog{}).all(s.st)
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(recs))
	for _, rec := range recs {
		if v, ok := rec.current(); ok {
			m[v.Procedure.Code] = v.Procedure.Name
		}
	}
	return m, nil
}

// Index computes the Decision 766 service-quality index of an office and
// every office below it for a period: each indicator the records allow
// with its figure and points under the index rules in force (the report
// rules' index766, inherited from the offices above, else the 2022
// sheet), and those that need the national portal's data marked so.
func (r *Reports) Index(ctx context.Context, req ReportRequest) (IndexReply, error) {
	s, err := r.scopeFor(ctx, req)
	if err != nil {
		return IndexReply{}, err
	}
	return r.indexReply(s)
}

// indexFilter is the drill-down of an index indicator: the dossiers in its
// denominator that are (Numerator) or are not in its numerator.
func (r *Reports) indexFilter(s *scope, req DrillRequest) (func(*report.Fact) bool, error) {
	in, err := indexInput(s)
	if err != nil {
		return nil, err
	}
	for _, x := range report.IndexRulesOf(s.rules).Indicators {
		if x.ID != req.Indicator {
			continue
		}
		switch x.Measure {
		case report.MeasureNational, report.MeasureComplaintsRules, report.MeasureComplaintsProcedure,
			report.MeasureComplaintsConduct, report.MeasureComplaintsOnTime:
			return nil, &Error{Code: CodeInvalidInput, Field: "indicator", Message: "indicator " + x.ID + " does not count dossiers",
				Params: map[string]string{"rule": "index_not_dossiers", "id": x.ID}}
		}
		return func(f *report.Fact) bool {
			den, num := report.IndexMember(x.Measure, f, &in)
			if x.Measure == report.MeasureAvgDays {
				return den
			}
			return den && num == req.Numerator
		}, nil
	}
	return nil, &Error{Code: CodeInvalidInput, Field: "indicator", Message: "there is no indicator " + req.Indicator,
		Params: map[string]string{"rule": "index_unknown", "id": req.Indicator}}
}

// verifyIndex checks a printed index's QR text: the same rules, complaint
// counts and facts give the same hash.
func (r *Reports) verifyIndex(out VerifyReply, hash string) (VerifyReply, error) {
	return r.verifyCounted(out, hash, "report/index766/", "index", func(s *scope) (string, int, error) {
		in, err := indexInput(s)
		if err != nil {
			return "", 0, err
		}
		now, n := indexHash(s, &in)
		return now, n, nil
	})
}

// IndexExportRequest asks for the index as a file: "pdf" or "xlsx".
type IndexExportRequest struct {
	ReportRequest
	Format string `json:"format"`
}

// IndexExport renders the index of an office and period as PDF (A4, the
// official header and a verifiable QR code) or XLSX (real numbers).
func (r *Reports) IndexExport(ctx context.Context, req IndexExportRequest) (ReportFile, error) {
	mime := map[string]string{"pdf": "application/pdf", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[req.Format]
	if mime == "" {
		return ReportFile{}, FieldError("format", "the format must be pdf or xlsx")
	}
	s, err := r.scopeFor(ctx, req.ReportRequest)
	if err != nil {
		return ReportFile{}, err
	}
	rep, err := r.indexReply(s)
	if err != nil {
		return ReportFile{}, err
	}
	office := printOffice(s.st, s.root.Code, time.Time{})
	doc := report.IndexDoc{
		Office: rep.Office, OfficeName: office.Name, ParentName: office.ParentName, Place: office.Place, Period: rep.Period, AsOf: rep.AsOf,
		Result:      report.IndexResult{Version: rep.Version, Indicators: rep.Indicators, Score: rep.Score, Max: rep.Max},
		Names:       map[string]string{},
		Verify:      rep.Verify,
		GeneratedAt: rep.GeneratedAt,
	}
	for _, o := range s.offices {
		doc.Offices = append(doc.Offices, o.Name)
	}
	for _, p := range rep.Procedures {
		doc.Result.Procedures = append(doc.Result.Procedures, p.ProcedureDays)
		doc.Names[p.Procedure] = p.Name
	}
	var buf bytes.Buffer
	if req.Format == "pdf" {
		ren, err := r.print.loadRenderer()
		if err != nil {
			return ReportFile{}, err
		}
		err = ren.Index766(&buf, doc)
		if err != nil {
			return ReportFile{}, Wrap(CodeInternal, err, "printing the index")
		}
	} else if err := report.WriteIndexXLSX(&buf, doc); err != nil {
		return ReportFile{}, Wrap(CodeInternal, err, "exporting the index")
	}
	return ReportFile{
		Filename: fmt.Sprintf("chi-so-766-%s-%s.%s", doc.Office, doc.Period.Label, req.Format),
		Mime:     mime, Content: base64.StdEncoding.EncodeToString(buf.Bytes()), Verify: doc.Verify,
	}, nil
}
