using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace SscPortal.Web.Evidence;

/// <summary>
/// Streams a stored file to the reader, from whichever store holds it: one byte range when asked (206, or 416 for a range
/// outside the file), its fingerprint as the ETag (so an unchanged copy is a 304, and If-Range works), the type decided at
/// upload, never sniffed, and anything but an image or a PDF as an attachment.
/// </summary>
public sealed class StoredFileResult(IFileStore store, string key, string contentType, long size, string sha256, string fileName, DateTime uploadedAt, bool isPublic) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        var etag = new EntityTagHeaderValue($"\"{sha256}\"");
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = DateTime.SpecifyKind(uploadedAt, DateTimeKind.Utc);
        response.Headers.AcceptRanges = "bytes";
        response.Headers.XContentTypeOptions = "nosniff";
        // Whether the reader may have it is asked anew each time (a moderator may hide it); the fingerprint makes asking cheap.
        // A restricted file or a recording is not kept in the browser's cache, where the next person at a shared computer would find it.
        response.Headers.CacheControl = isPublic ? "private, no-cache" : "no-store";
        var disposition = new ContentDispositionHeaderValue(FileLists.OpensInBrowser(contentType) ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();

        var typed = request.GetTypedHeaders();
        if (typed.IfNoneMatch is { Count: > 0 } ifNoneMatch && ifNoneMatch.Any(t => t.Tag == etag.Tag || t.Tag == "*"))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        long offset = 0, length = size;
        var range = typed.Range;
        var ifRange = typed.IfRange;
        var rangeApplies = range is { Unit.Value: "bytes", Ranges.Count: 1 } && (ifRange?.EntityTag is null || (!ifRange.EntityTag.IsWeak && ifRange.EntityTag.Tag == etag.Tag)) && ifRange?.LastModified is null;
        if (rangeApplies)
        {
            var asked = range!.Ranges.Single();
            if (asked.From is { } from)
            {
                if (from >= size) { NotSatisfiable(response); return; }
                offset = from;
                length = Math.Min(asked.To ?? size - 1, size - 1) - from + 1;
            }
            else if (asked.To is { } suffix && suffix > 0)
            {
                length = Math.Min(suffix, size);
                offset = size - length;
            }
            else { NotSatisfiable(response); return; }
            response.StatusCode = StatusCodes.Status206PartialContent;
            headers.ContentRange = new ContentRangeHeaderValue(offset, offset + length - 1, size);
        }
        if (HttpMethods.IsHead(request.Method))
        {
            response.ContentType = contentType;
            response.ContentLength = length;
            return;
        }
        Stream content;
        try
        {
            content = await store.OpenAsync(key, offset, offset == 0 && length == size ? null : length, context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException || (e is Amazon.S3.AmazonS3Exception s3 && s3.StatusCode == System.Net.HttpStatusCode.NotFound))
        {
            // The record names an object the store no longer has (deleted by hand, or a store restored from an older copy).
            response.Clear();
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await using (content)
        {
            response.ContentType = contentType;
            response.ContentLength = length;
            await content.CopyToAsync(response.Body, 81920, context.HttpContext.RequestAborted);
        }

        void NotSatisfiable(HttpResponse r)
        {
            r.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            r.GetTypedHeaders().ContentRange = new ContentRangeHeaderValue(size);
            r.ContentLength = 0;
        }
    }
}
