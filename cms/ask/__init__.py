"""Ask an expert (issue #16, item 4): a visitor's question, routed by signed e-mail links to the
experts whose technologies fit, answered on the portal, approved by a curator, then published as
a Q&A page."""
