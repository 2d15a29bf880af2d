package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"hoso/iso"
	"hoso/print"
	"hoso/store"
)

// isoYearPrefix names a printed yearly ISO report in its QR text:
// isoyear/<office>/<year>. No event is written under it: Records.Verify
// computes the report's figures again and compares their hash.
const isoYearPrefix = "isoyear/"

// PrintYearReportRequest names the office (empty: the caller's) and the
// year (0: this year) of the yearly report on its quality system.
type PrintYearReportRequest struct {
	Office string `json:"office"`
	Year   int    `json:"year"`
}

// PrintYearReport prints the yearly report Decision 101/2018/QĐ-TTg asks
// an office to send on its quality system: its own figures and those of
// every office below it this node holds (the view of Iso.Tree), on the
// form of iso.DefaultYearReportForm, with the print QR.
func (x *Iso) PrintYearReport(ctx context.Context, req PrintYearReportRequest) (FormReply, error) {
	d, err := x.core.Deps()
	if err != nil {
		return FormReply{}, err
	}
	tree, err := x.Tree(ctx, TreeRequest(req))
	if err != nil {
		return FormReply{}, err
	}
	rows := yearRows(tree)
	hash, err := yearHash(rows)
	if err != nil {
		return FormReply{}, err
	}
	subject := isoYearPrefix + tree.Office + "/" + strconv.Itoa(tree.Year)
	verify := strings.Join([]string{verifyPrefix, tree.Office, subject, strconv.Itoa(len(rows)), hash}, "|")
	return x.printLogged(d.Store, CallerFrom(ctx), store.LocalPrintLog(subject), verify, fmt.Sprintf("bao-cao-iso-%s-%d.pdf", tree.Office, tree.Year),
		func(r *print.Renderer, w io.Writer, reprint int) error {
			return r.IsoYearReport(w, print.IsoYearReport{Office: printOffice(d.Store, tree.Office, x.now()), Year: tree.Year, Form: iso.DefaultYearReportForm(),
				Rows: rows, PrintedAt: x.now(), Reprint: reprint, Verify: verify})
		})
}

// yearRows turns the view of the offices below into the report's rows.
func yearRows(tree TreeReply) []print.IsoYearRow {
	rows := make([]print.IsoYearRow, 0, len(tree.Offices))
	for _, o := range tree.Offices {
		s := o.Summary
		row := print.IsoYearRow{Code: o.Code, Name: o.Name, Depth: o.Depth,
			Processes:  print.ProcessCounts{InForce: s.Processes.InForce, Draft: s.Processes.Draft, Superseded: s.Processes.Superseded},
			Objectives: len(s.Objectives), Met: o.ObjectivesMet, NC: s.Nonconformities, Actions: s.Actions}
		if s.LastAudit != nil {
			row.LastAudit = *s.LastAudit
		}
		if s.LastReview != nil {
			row.LastReview = *s.LastReview
		}
		rows = append(rows, row)
	}
	return rows
}

// yearHash is the hash of the report's figures, what its QR text carries.
func yearHash(rows []print.IsoYearRow) (string, error) {
	b, err := json.Marshal(rows)
	if err != nil {
		return "", Wrap(CodeInternal, err, "hashing the yearly ISO report")
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])[:32], nil
}

// verifyYearReport checks a printed yearly report: the same figures
// computed again give the same hash. A report printed before the year's
// records were complete differs once they move on.
func (x *Iso) verifyYearReport(out VerifyReply, hash string) (VerifyReply, error) {
	office, yearText, ok := strings.Cut(strings.TrimPrefix(out.Subject, isoYearPrefix), "/")
	year, err := strconv.Atoi(yearText)
	if !ok || office != out.Office || err != nil || year < 2000 || year > 9999 {
		return VerifyReply{}, FieldError("text", "this is not the QR text of a document printed by Hồ Sơ Một Cửa")
	}
	d, err := x.core.Deps()
	if err != nil {
		return VerifyReply{}, err
	}
	if _, err := getOffice(d.Store, office); err != nil {
		out.Status = VerifyUnknown
		return out, nil
	}
	ctx := WithCaller(context.Background(), Caller{Operator: true})
	tree, err := x.Tree(ctx, TreeRequest{Office: office, Year: year})
	if err != nil {
		return VerifyReply{}, err
	}
	rows := yearRows(tree)
	now, err := yearHash(rows)
	if err != nil {
		return VerifyReply{}, err
	}
	out.CurrentEvents = len(rows)
	if now == hash {
		out.Status = VerifyMatch
		return out, nil
	}
	out.Status = VerifyDiffers
	out.Details = []string{fmt.Sprintf("the report was printed with the figures of %d offices; computed again at %s from the records held here (%d offices), they differ: records were added or changed since",
		out.PrintedEvents, x.now().Format(time.DateOnly), len(rows))}
	return out, nil
}
