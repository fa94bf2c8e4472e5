/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef FC_VERSION_H
#define FC_VERSION_H
#define FC_VERSION "0.1.0"
/* Version of the JSON report schema (docs/report.schema.json). */
#define FC_REPORT_SCHEMA_VERSION "1.1"
#define FC_REPORT_SCHEMA_ID "https://fipsctl.invalid/schemas/report-1.1.json"
#endif
