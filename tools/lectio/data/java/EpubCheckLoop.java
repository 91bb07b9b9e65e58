// EPUBCheck kept running for several EPUBs (lectio.verify.epubcheck.Prewarmed): each line of
// standard input is the arguments of one check, separated by tabs; after each check the line
// "lectio-epubcheck-done <exit status>" is written to standard output, which EPUBCheck's own
// messages never reach. Run with the source launcher: java -cp epubcheck.jar EpubCheckLoop.java
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubCheckLoop {
    public static void main(String[] args) throws Exception {
        PrintStream answers = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = requests.readLine()) != null) {
            int status = new com.adobe.epubcheck.tool.EpubChecker().run(line.split("\t"));
            answers.println("lectio-epubcheck-done " + status);
            answers.flush();
        }
    }
}
