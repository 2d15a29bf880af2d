package demo

import (
	"fmt"
	"time"

	"hoso/app"
	"hoso/calendar"
	"hoso/qreport"
)

// quarterly signs the quarterly reports of the last closed quarter (issue
// 17): the demo commune's leader signs one and corrects it with a reason
// (version 2), another commune and the department sign theirs (by the
// operator and the department's leader), and with districts the district
// rolls up its communes; so the province's draft has sources, and the
// third commune is missing.
func quarterly(c caller, sessions map[string]string, districts bool, now time.Time) error {
	t := now.In(calendar.Zone)
	quarter := qreport.LastClosed(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
	steps := []struct {
		session string
		req     app.SubmitQuarterRequest
	}{
		{sessions["lanhdao"], app.SubmitQuarterRequest{Quarter: quarter,
			Note: "Xã đã triển khai đầy đủ các nhiệm vụ được giao; tiếp tục tuyên truyền nộp hồ sơ trực tuyến."}},
		{sessions["lanhdao"], app.SubmitQuarterRequest{Quarter: quarter, Corrects: 1,
			Note: "Đính chính: bổ sung kết quả ban hành quy chế phối hợp, phiên bản 1 chưa nêu."}},
		{"", app.SubmitQuarterRequest{Office: communes[1].Code, Quarter: quarter, Note: "Hoàn thành nhiệm vụ quý; đề nghị tập huấn phần mềm."}},
		{sessions["sotuphap"], app.SubmitQuarterRequest{Quarter: quarter, Note: "Sở đã hướng dẫn các xã rà soát quy trình."}},
	}
	if districts {
		steps = append(steps, struct {
			session string
			req     app.SubmitQuarterRequest
		}{sessions["huyen"], app.SubmitQuarterRequest{Quarter: quarter, Note: "Tổng hợp báo cáo của các xã."}})
	}
	for _, s := range steps {
		if err := c.call(s.session, "Quarterly.Submit", s.req, nil); err != nil {
			return fmt.Errorf("quarterly report %s %s: %w", s.req.Office, quarter, err)
		}
	}
	return nil
}
