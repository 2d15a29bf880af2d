package app

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"strings"

	"hoso/print"
	"hoso/store"
)

// PrintAudit renders an audit's report (Báo cáo đánh giá nội bộ) as an A4
// PDF with the print QR: the QR names the audit's subject and the hash of
// its events, so Records.Verify tells whether a paper copy still matches
// the records (a later check, finding or report shows as changed).
func (i *Iso) PrintAudit(ctx context.Context, req AuditRequest) (FormReply, error) {
	d, err := i.core.Deps()
	if err != nil {
		return FormReply{}, err
	}
	cl := CallerFrom(ctx)
	office, err := isoReadOffice(d.Store, cl, req.Office)
	if err != nil {
		return FormReply{}, err
	}
	a, err := i.auditReply(d.Store, cl, office, strings.TrimSpace(req.ID))
	if err != nil {
		return FormReply{}, err
	}
	r, err := i.print.loadRenderer()
	if err != nil {
		return FormReply{}, err
	}
	evs, err := d.Store.Events(a.Subject)
	if err != nil {
		return FormReply{}, Wrap(CodeTampered, err, "the records of "+a.Subject+" do not verify")
	}
	verify := strings.Join([]string{verifyPrefix, office, a.Subject, fmt.Sprint(len(evs)), eventsHash(evs, len(evs))}, "|")
	logKey := store.LocalPrintLog("isoaudit/" + office + "/" + a.Audit.Plan.ID)
	reprint := printCount(d.Store, logKey)
	names := a.Names
	for _, f := range a.Audit.Findings {
		if _, ok := names[f.By]; !ok && f.By != "" {
			names[f.By] = userName(d.Store, f.By)
		}
	}
	now := i.now()
	var buf bytes.Buffer
	err = r.AuditReport(&buf, print.IsoAudit{
		Office: printOffice(d.Store, office, now), Audit: a.Audit, Checklist: a.Checklist, Names: names,
		PrintedAt: now, Reprint: reprint, Verify: verify,
	})
	if err != nil {
		return FormReply{}, Wrap(CodeInternal, err, "rendering the audit report")
	}
	if err := recordPrint(d.Store, logKey, printEntry{At: now.UTC(), By: cl.Actor(), Verify: verify}); err != nil {
		return FormReply{}, err
	}
	return FormReply{
		Filename: fmt.Sprintf("bao-cao-danh-gia-noi-bo-%s-%s.pdf", office, a.Audit.Plan.ID),
		Mime:     "application/pdf", Content: base64.StdEncoding.EncodeToString(buf.Bytes()),
		Reprint: reprint, Verify: verify,
	}, nil
}
