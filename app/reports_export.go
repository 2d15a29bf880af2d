package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"time"

	"hoso/report"
)

// ExportRequest asks for II.06a as a file: "pdf", "xlsx" or "csv".
type ExportRequest struct {
	ReportRequest
	Format string `json:"format"`
}

// ReportFile is an exported report, base64-encoded.
type ReportFile struct {
	Filename string `json:"filename"`
	Mime     string `json:"mime"`
	Content  string `json:"content"`
	// Verify is the QR text printed on the PDF.
	Verify string `json:"verify"`
}

// exportFormats are the formats of an export: MIME type and writer.
var exportFormats = map[string]struct {
	mime  string
	write func(r *Reports, w io.Writer, d report.Doc) error
}{
	"pdf": {"application/pdf", func(r *Reports, w io.Writer, d report.Doc) error {
		ren, err := r.print.loadRenderer()
		if err != nil {
			return err
		}
		return ren.ReportII06a(w, d)
	}},
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", func(_ *Reports, w io.Writer, d report.Doc) error {
		return report.WriteXLSX(w, d)
	}},
	"csv": {"text/csv; charset=utf-8", func(_ *Reports, w io.Writer, d report.Doc) error {
		return report.WriteCSV(w, d)
	}},
}

// reportDoc computes II.06a and returns it ready to export.
func (r *Reports) reportDoc(ctx context.Context, req ReportRequest) (report.Doc, error) {
	s, err := r.scopeFor(ctx, req)
	if err != nil {
		return report.Doc{}, err
	}
	rep, err := r.compute(s)
	if err != nil {
		return report.Doc{}, err
	}
	office := printOffice(s.st, s.root.Code, time.Time{})
	names := make([]string, len(rep.Offices))
	for i, o := range rep.Offices {
		names[i] = o.Name
	}
	return report.Doc{
		Office: rep.Office, OfficeName: office.Name, ParentName: office.ParentName, Place: office.Place, Receiver: rep.Receiver,
		Period: rep.Period, Offices: names, AsOf: rep.AsOf,
		Table:     report.Table{Rows: rep.Rows, Total: rep.Total, Withdrawn: rep.Withdrawn, Stopped: rep.Stopped, EndedPlacement: rep.EndedPlacement},
		Freshness: rep.Freshness, GeneratedAt: rep.GeneratedAt, Verify: rep.Verify,
	}, nil
}

// Export renders II.06a of an office and period as PDF (A4, the official
// header and a verifiable QR code), XLSX (real numbers) or CSV.
func (r *Reports) Export(ctx context.Context, req ExportRequest) (ReportFile, error) {
	f, ok := exportFormats[req.Format]
	if !ok {
		return ReportFile{}, FieldError("format", "the format must be pdf, xlsx or csv")
	}
	doc, err := r.reportDoc(ctx, req.ReportRequest)
	if err != nil {
		return ReportFile{}, err
	}
	var buf bytes.Buffer
	if err := f.write(r, &buf, doc); err != nil {
		if e, ok := err.(*Error); ok {
			return ReportFile{}, e
		}
		return ReportFile{}, Wrap(CodeInternal, err, "exporting the report")
	}
	return ReportFile{
		Filename: fmt.Sprintf("bieu-II06a-%s-%s.%s", doc.Office, doc.Period.Label, req.Format),
		Mime:     f.mime, Content: base64.StdEncoding.EncodeToString(buf.Bytes()), Verify: doc.Verify,
	}, nil
}
