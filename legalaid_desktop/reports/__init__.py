"""Reports: DTOs in, PDF bytes out (ReportLab). Not built yet: see issue 7."""
