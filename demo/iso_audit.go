package demo

import (
	"fmt"
	"time"

	"hoso/app"
	"hoso/calendar"
	"hoso/iso"
)

// isoAudit fills the demo year's internal audit (ISO 9001:2015, 9.2): the
// home office's programme of the year, and one audit of the procedure its
// desk received most recently, planned by the leader, carried out by the
// inspector (who handles no dossier, so audits no work of his own),
// with checks citing a dossier, two findings (a nonconformity, which
// raises one in the nonconformity log, and an observation) and the
// report.
func isoAudit(c caller, sessions map[string]string, now time.Time) error {
	leader, auditor := sessions["lanhdao"], sessions["thanhtra"]
	var me app.UserInfo
	if err := c.call(auditor, "Auth.Me", struct{}{}, &me); err != nil {
		return fmt.Errorf("iso audit: %w", err)
	}
	var found app.SearchReply
	if err := c.call(leader, "Dossiers.Search", app.SearchRequest{Office: Home.Code}, &found); err != nil {
		return fmt.Errorf("iso audit: %w", err)
	}
	today := now.In(calendar.Zone)
	year := today.Year()
	var processes []string
	var evidence []iso.AuditEvidence
	if len(found.Items) > 0 {
		var d app.DossierReply
		if err := c.call(leader, "Dossiers.Get", app.DossierRequest{Code: found.Items[0].Code}, &d); err != nil {
			return fmt.Errorf("iso audit: %w", err)
		}
		processes = []string{d.Dossier.Procedure.Code}
		evidence = []iso.AuditEvidence{{Kind: iso.EvidenceDossier, Ref: found.Items[0].Code}}
	}
	entry := iso.ProgrammeEntry{ID: "A1", Title: "Đánh giá quy trình một cửa", Month: int(today.Month()), Clauses: []string{"8", "9"}, Processes: processes}
	// The programme is set, then revised to add the audit of the desk's
	// process.
	first := iso.ProgrammeEntry{ID: "A0", Title: "Đánh giá sự lãnh đạo và hoạch định", Month: 6, Clauses: []string{"5", "6"}}
	for _, entries := range [][]iso.ProgrammeEntry{{first}, {first, entry}} {
		if err := c.call(leader, "Iso.SetProgramme", app.SetProgrammeRequest{Year: year, Entries: entries}, nil); err != nil {
			return fmt.Errorf("iso audit programme: %w", err)
		}
	}
	var a app.AuditReply
	plan := iso.AuditPlan{
		Title: fmt.Sprintf("Đánh giá nội bộ năm %d", year), Entry: entry.ID, Clauses: entry.Clauses, Processes: processes,
		Auditors: []string{me.ID}, From: today.Format(time.DateOnly), To: today.Format(time.DateOnly),
		PeriodFrom: fmt.Sprintf("%d-01-01", year), PeriodTo: today.Format(time.DateOnly),
	}
	if err := c.call(leader, "Iso.PlanAudit", app.PlanAuditRequest{AuditPlan: plan}, &a); err != nil {
		return fmt.Errorf("iso audit plan: %w", err)
	}
	id := a.Audit.Plan.ID
	checks := []app.RecordCheckRequest{
		{Item: "8.2", Result: iso.ResultConform, Note: "Niêm yết đủ thủ tục, phí, lệ phí"},
		{Item: "9.1.2", Result: iso.ResultConform, Note: "Có phiếu đánh giá mức độ hài lòng"},
		{Item: "8.5.1", Result: iso.ResultNonconform, Note: "Có hồ sơ trễ hạn", Evidence: evidence},
	}
	for _, ch := range checks {
		ch.Audit = id
		if err := c.call(auditor, "Iso.RecordCheck", ch, nil); err != nil {
			return fmt.Errorf("iso audit check %s: %w", ch.Item, err)
		}
	}
	process := ""
	if len(processes) > 0 {
		process = processes[0]
	}
	for _, f := range []app.AddFindingRequest{
		{Kind: iso.FindingNonconformity, Clause: "8.5.1", Process: process, Title: "Hồ sơ giải quyết quá hạn chưa có văn bản xin lỗi kịp thời", Evidence: evidence},
		{Kind: iso.FindingObservation, Clause: "9.1.2", Title: "Nên tổng hợp ý kiến của người dân hằng tháng thay vì hằng quý"},
	} {
		f.Audit = id
		if err := c.call(auditor, "Iso.AddFinding", f, nil); err != nil {
			return fmt.Errorf("iso audit finding: %w", err)
		}
	}
	return c.call(auditor, "Iso.ReportAudit", app.ReportAuditRequest{Audit: id,
		Conclusion: "Hệ thống quản lý chất lượng được duy trì và có hiệu lực; một điểm không phù hợp cần hành động khắc phục."}, nil)
}
