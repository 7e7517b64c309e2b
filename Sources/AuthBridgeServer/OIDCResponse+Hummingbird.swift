import AuthBridgeOIDC
import Hummingbird
import NIOCore

extension OIDCResponse {
    /// The provider's HTTP-free answer as a Hummingbird response, headers and body as they are.
    var hummingbirdResponse: Response {
        var fields = HTTPFields()
        for header in self.headers {
            if let name = HTTPFields.Element.Name(header.name) { fields.append(HTTPFields.Element(name: name, value: header.value)) }
        }
        fields[.contentLength] = String(self.body.count)
        return Response(
            status: HTTPResponse.Status(code: self.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.body))
        )
    }
}
