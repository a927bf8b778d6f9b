"""Problem reports from candidates, their resolution, and regrades with their log (issue #11)."""
