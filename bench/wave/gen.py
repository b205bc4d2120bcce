#!/usr/bin/env python3
"""Writes a wave as NDJSON to stdout: the header line, then N recipient lines, generated on the fly (never held)."""
import json, sys
n = int(sys.argv[1]); start = sys.argv[2]; tag = sys.argv[3]
pacing = json.loads(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else None
out = sys.stdout
header = {"name": "bench " + tag, "template": "overdue-reminder", "channels": ["SMS"], "channelStrategy": "FIRST_ALLOWED",
          "start": {"at": start}, "notAfter": "2026-12-31T00:00:00Z"}
if pacing: header["pacing"] = pacing
out.write(json.dumps(header) + "\n")
zones = [("Asia/Shanghai", "zh-CN", "CN", "+86138%08d"), ("Asia/Taipei", "zh-TW", "TW", "+8869%08d"),
         ("Asia/Hong_Kong", "zh-HK", "HK", "+85291%06d")]
for i in range(n):
    zone, locale, jur, phone = zones[i % 3]
    out.write(json.dumps({"borrower": {"id": "BB-%s-%d" % (tag, i), "name": "王小明", "locale": locale, "timezone": zone,
                                       "jurisdiction": jur, "phone": phone % (i % (10**6)), "email": "b%d@example.com" % i},
                          "loan": {"id": "BL-%s-%d" % (tag, i), "creditor": "示例银行", "amountDue": "1234.50", "currency": "CNY",
                                   "dueDate": "2026-11-20", "hotline": "95555"}}, ensure_ascii=False) + "\n")
