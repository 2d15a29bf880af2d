package app

import (
	"context"
	"fmt"
	"io"
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
	verify, err := subjectVerify(d.Store, office, a.Subject)
	if err != nil {
		return FormReply{}, err
	}
	names := a.Names
	for _, f := range a.Audit.Findings {
		if _, ok := names[f.By]; !ok && f.By != "" {
			names[f.By] = userName(d.Store, f.By)
		}
	}
	return i.printLogged(d.Store, cl, store.LocalPrintLog("isoaudit/"+office+"/"+a.Audit.Plan.ID), verify,
		fmt.Sprintf("bao-cao-danh-gia-noi-bo-%s-%s.pdf", office, a.Audit.Plan.ID),
		func(r *print.Renderer, w io.Writer, reprint int) error {
			now := i.now()
			return r.AuditReport(w, print.IsoAudit{
				Office: printOffice(d.Store, office, now), Audit: a.Audit, Checklist: a.Checklist, Names: names,
				PrintedAt: now, Reprint: reprint, Verify: verify,
			})
		})
}
