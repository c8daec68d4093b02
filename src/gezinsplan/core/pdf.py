"""Real PDFs with WeasyPrint, from a Django template, for documents parents read (A4, Dutch)."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def render_pdf(*, template_name: str, context: dict, request=None) -> bytes:
    from weasyprint import HTML  # imported late: Pango is only needed when a PDF is made

    html = render_to_string(template_name, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_response(*, template_name: str, context: dict, filename: str, request=None) -> HttpResponse:
    """An attachment response; the filename carries no personal data (an opaque id and a version)."""
    response = HttpResponse(render_pdf(template_name=template_name, context=context, request=request),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
