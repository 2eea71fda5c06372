"""Reports: DTOs in, PDF bytes out (ReportLab). No database, no services: see DESIGN.md habit 12."""

from legalaid_desktop.reports.case_summary import case_summary_pdf
from legalaid_desktop.reports.caseload import caseload_pdf
from legalaid_desktop.reports.overstay import overstay_pdf
from legalaid_desktop.reports.statistics import statistics_pdf

__all__ = ["case_summary_pdf", "caseload_pdf", "overstay_pdf", "statistics_pdf"]
