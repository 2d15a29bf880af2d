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

// Print renders an inspection record (Biên bản kiểm tra) as an A4 PDF
// with both signature blocks and the print QR: the QR names the
// inspection's subject and the hash of its events, so Records.Verify
// tells whether a paper copy still matches (a later answer or decision
// shows as changed).
func (s *Inspections) Print(ctx context.Context, req InspectionRequest) (FormReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return FormReply{}, err
	}
	cl := CallerFrom(ctx)
	office, err := isoReadOffice(d.Store, cl, req.Office)
	if err != nil {
		return FormReply{}, err
	}
	in, err := s.reply(d.Store, cl, office, strings.TrimSpace(req.ID))
	if err != nil {
		return FormReply{}, err
	}
	r, err := s.print.loadRenderer()
	if err != nil {
		return FormReply{}, err
	}
	verify, err := subjectVerify(d.Store, office, in.Subject)
	if err != nil {
		return FormReply{}, err
	}
	logKey := store.LocalPrintLog("inspection/" + office + "/" + in.Inspection.Plan.ID)
	reprint := printCount(d.Store, logKey)
	now := s.now()
	var buf bytes.Buffer
	err = r.InspectionRecord(&buf, print.Inspection{
		Office: printOffice(d.Store, office, now), InspectorOffice: printOffice(d.Store, in.Inspection.Plan.InspectorOffice, now).Name,
		Inspection: in.Inspection, Names: in.Names, Today: s.today(), PrintedAt: now, Reprint: reprint, Verify: verify,
	})
	if err != nil {
		return FormReply{}, Wrap(CodeInternal, err, "rendering the inspection record")
	}
	if err := recordPrint(d.Store, logKey, printEntry{At: now.UTC(), By: cl.Actor(), Verify: verify}); err != nil {
		return FormReply{}, err
	}
	return FormReply{
		Filename: fmt.Sprintf("bien-ban-kiem-tra-%s-%s.pdf", office, in.Inspection.Plan.ID),
		Mime:     "application/pdf", Content: base64.StdEncoding.EncodeToString(buf.Bytes()),
		Reprint: reprint, Verify: verify,
	}, nil
}
