"""Official documents: the register of outgoing documents, issuing, exports (.docx, .xlsx, PDF)."""
