package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"strings"
	"time"

	"hoso/plan"
	"hoso/print"
	"hoso/store"
)

// MatrixExportRequest asks for the supervisor's matrix as a file: the
// same plan, quarter and filters as Plans.Matrix, as "pdf" or "xlsx".
type MatrixExportRequest struct {
	MatrixRequest
	Format string `json:"format"`
}

// xlsxMime is the MIME type of an Excel workbook.
const xlsxMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// ExportMatrix renders the matrix Plans.Matrix computes (with its filters
// and its refusals) as an A4 PDF carrying the print QR, or as an XLSX
// workbook with one row per office and one column per task. The QR names
// the plan's record, so Records.Verify says whether the plan printed is
// still the one in force; the print is counted in the print log.
func (x *Plans) ExportMatrix(ctx context.Context, req MatrixExportRequest) (FormReply, error) {
	if req.Format != "pdf" && req.Format != "xlsx" {
		return FormReply{}, FieldError("format", "the format must be pdf or xlsx")
	}
	m, err := x.Matrix(ctx, req.MatrixRequest)
	if err != nil {
		return FormReply{}, err
	}
	d, err := x.core.Deps()
	if err != nil {
		return FormReply{}, err
	}
	r, err := readPlan(d.Store, m.Plan)
	if err != nil {
		return FormReply{}, err
	}
	subject := plan.Subject(r.Plan.Office, r.Plan.ID)
	verify, err := subjectVerify(d.Store, r.Plan.Office, subject)
	if err != nil {
		return FormReply{}, err
	}
	now := x.now()
	doc := print.PlanMatrix{
		Office: printOffice(d.Store, r.Plan.Office, now), Plan: m.Plan, Title: m.Title, Decision: decisionVN(r.Plan.Decision),
		Quarter: m.Quarter, Task: req.Task, OfficeFilter: req.Office, PrintedAt: now, Verify: verify,
	}
	for _, t := range m.Tasks {
		doc.Tasks = append(doc.Tasks, print.PlanMatrixTask(t))
	}
	for _, o := range m.Offices {
		doc.Rows = append(doc.Rows, print.PlanMatrixRow{Code: o.Code, Name: o.Name, Cells: o.Tasks})
	}
	name := "theo-doi-" + m.Plan + "-" + m.Quarter
	if req.Format == "xlsx" {
		var buf bytes.Buffer
		if err := writeMatrixXLSX(&buf, doc); err != nil {
			return FormReply{}, Wrap(CodeInternal, err, "writing the matrix workbook")
		}
		return FormReply{Filename: name + ".xlsx", Mime: xlsxMime, Content: base64.StdEncoding.EncodeToString(buf.Bytes()), Verify: verify}, nil
	}
	ren, err := x.print.loadRenderer()
	if err != nil {
		return FormReply{}, err
	}
	// One log per plan and quarter: a second print of the same quarter's
	// matrix says it is a reprint.
	logKey := store.LocalPrintLog(subject + "/matrix/" + m.Quarter)
	doc.Reprint = printCount(d.Store, logKey)
	var buf bytes.Buffer
	if err := ren.PlanMatrix(&buf, doc); err != nil {
		return FormReply{}, Wrap(CodeInternal, err, "rendering the matrix")
	}
	if err := recordPrint(d.Store, logKey, printEntry{At: now.UTC(), By: CallerFrom(ctx).Actor(), Verify: verify}); err != nil {
		return FormReply{}, err
	}
	return FormReply{Filename: name + ".pdf", Mime: "application/pdf", Content: base64.StdEncoding.EncodeToString(buf.Bytes()), Reprint: doc.Reprint, Verify: verify}, nil
}

// decisionVN writes a plan's decision as the matrix prints it:
// "3170/QĐ-UBND ngày 27/09/2012", or "" when there is none.
func decisionVN(d plan.Decision) string {
	s := strings.TrimSpace(d.Number)
	if s == "" {
		return ""
	}
	if t, err := time.Parse(time.DateOnly, d.Date); err == nil {
		s += " ngày " + t.Format("02/01/2006")
	}
	return s
}
