package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"hoso/print"
	"hoso/qreport"
	"hoso/store"
)

// QuarterExportRequest asks for one version of a report as a file: "pdf",
// "xlsx" or "json". Version 0 is the latest signed one, or the draft
// (printed "DỰ THẢO") when none is signed.
type QuarterExportRequest struct {
	Office  string `json:"office"`
	Quarter string `json:"quarter"`
	Version int    `json:"version"`
	Format  string `json:"format"`
}

// quarterMimes are the formats of an export.
var quarterMimes = map[string]string{
	"pdf":  "application/pdf",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"json": "application/json",
}

// Export renders a report as a file like Reports.Export. A signed
// version's PDF carries the print QR of the event it was signed in, which
// Records.Verify matches while no later version is signed; the print is
// logged (a reprint says so on the paper).
func (x *Quarterly) Export(ctx context.Context, req QuarterExportRequest) (ReportFile, error) {
	mime, ok := quarterMimes[req.Format]
	if !ok {
		return ReportFile{}, &Error{Code: CodeInvalidInput, Field: "format", Message: "the format must be pdf, xlsx or json", Params: map[string]string{"rule": "bad_format"}}
	}
	d, err := x.core.Deps()
	if err != nil {
		return ReportFile{}, err
	}
	cl := CallerFrom(ctx)
	doc := print.Quarterly{PrintedAt: x.now().UTC()}
	event := ""
	s, err := x.signed(ctx, d.Store, QuarterVersionRequest{Office: req.Office, Quarter: req.Quarter, Version: req.Version})
	switch {
	case err == nil:
		doc.Report, event = s.Report, s.Event
	case req.Version == 0 && AsError(err).Code == CodeNotFound:
		office, quarter, year, q, err := x.resolve(ctx, d.Store, QuarterRequest{Office: req.Office, Quarter: req.Quarter})
		if err != nil {
			return ReportFile{}, err
		}
		if doc.Report, err = x.draft(ctx, d.Store, office, quarter, year, q); err != nil {
			return ReportFile{}, err
		}
		doc.Draft = true
	default:
		return ReportFile{}, err
	}
	rep := doc.Report
	name := fmt.Sprintf("bao-cao-quy-%s-%s", rep.Office, rep.Quarter)
	if doc.Draft {
		name += "-du-thao"
	} else {
		name += "-v" + strconv.Itoa(rep.Version)
	}
	doc.Office = printOffice(d.Store, rep.Office, doc.PrintedAt)
	var buf bytes.Buffer
	switch req.Format {
	case "json":
		b, _ := json.MarshalIndent(struct {
			qreport.Report
			Draft bool   `json:"draft"`
			Event string `json:"event"`
		}{rep, doc.Draft, event}, "", "  ")
		buf.Write(b)
	case "xlsx":
		if err := print.QuarterlyXLSX(&buf, doc); err != nil {
			return ReportFile{}, Wrap(CodeInternal, err, "exporting the quarterly report")
		}
	case "pdf":
		ren, err := x.print.loadRenderer()
		if err != nil {
			return ReportFile{}, err
		}
		logKey := store.LocalPrintLog("qreport/" + rep.Office + "/" + rep.Quarter + "/draft")
		if !doc.Draft {
			if doc.Verify, err = versionVerify(d.Store, rep.Office, qreport.Subject(rep.Office, rep.Quarter), event); err != nil {
				return ReportFile{}, err
			}
			logKey = store.LocalPrintLog("qreport/" + rep.Office + "/" + rep.Quarter + "/" + strconv.Itoa(rep.Version))
		}
		doc.Reprint = printCount(d.Store, logKey)
		if err := ren.Quarterly(&buf, doc); err != nil {
			return ReportFile{}, Wrap(CodeInternal, err, "rendering the quarterly report")
		}
		if err := recordPrint(d.Store, logKey, printEntry{At: doc.PrintedAt, By: cl.Actor(), Verify: doc.Verify}); err != nil {
			return ReportFile{}, err
		}
	}
	return ReportFile{Filename: name + "." + req.Format, Mime: mime, Content: base64.StdEncoding.EncodeToString(buf.Bytes()), Verify: doc.Verify}, nil
}

// versionVerify is the print QR text of one signed version: the subject's
// events up to the one the version was signed in, so that Records.Verify
// says match for it, and changed once a later version is signed.
func versionVerify(st *store.Store, office, subject, event string) (string, error) {
	evs, err := st.Events(subject)
	if err != nil {
		return "", Wrap(CodeTampered, err, "the records of "+subject+" do not verify")
	}
	for i, e := range evs {
		if e.ID().String() == event {
			return strings.Join([]string{verifyPrefix, office, subject, strconv.Itoa(i + 1), eventsHash(evs, i+1)}, "|"), nil
		}
	}
	return "", &Error{Code: CodeNotFound, Field: "version", Message: "the event of this version is not held here"}
}
