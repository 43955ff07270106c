package io.boxoffice.tickets;

import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * A QR code as SVG, drawn from ZXing's bit matrix: one path of unit squares, sharp at any print size, and no
 * image library (AWT/ImageIO) on the request path. Error correction M survives a scuffed phone screen or print.
 */
final class QrCodes {

	/** Quiet zone in modules, as the QR specification asks. */
	private static final int MARGIN = 4;
	/** Intrinsic pixels per module: without a size an SVG image has no natural width (and some viewers show none). */
	private static final int PIXELS = 6;

	private QrCodes() {
	}

	static String svg(String content) {
		BitMatrix matrix = encode(content);
		int size = matrix.getWidth() + 2 * MARGIN;
		var path = new StringBuilder(matrix.getWidth() * matrix.getHeight() * 4);
		for (int y = 0; y < matrix.getHeight(); y++) {
			for (int x = 0; x < matrix.getWidth(); x++) {
				if (matrix.get(x, y)) {
					path.append('M').append(x + MARGIN).append(',').append(y + MARGIN).append("h1v1h-1z");
				}
			}
		}
		return """
				<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" shape-rendering="crispEdges">\
				<rect width="100%%" height="100%%" fill="#fff"/><path fill="#000" d="%s"/></svg>
				""".formatted(size * PIXELS, size * PIXELS, size, size, path);
	}

	private static BitMatrix encode(String content) {
		try {
			// Size 0: one unit per module; the SVG scales.
			return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
		}
		catch (WriterException tooLong) {
			throw new IllegalArgumentException("Cannot encode " + content.length() + " characters as a QR code", tooLong);
		}
	}
}
