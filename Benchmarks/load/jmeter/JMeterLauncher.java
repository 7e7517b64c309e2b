import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Starts Debian's JMeter 2.13 so that it can read a test plan at all.
 *
 * Debian 12 ships JMeter 2.13 (2015) with XStream 1.4.20, whose security framework refuses every class
 * it was not told about; JMeter 2.13 predates that framework, so `jmeter -n -t plan.jmx` stops with
 * "ForbiddenClassException: org.apache.jmeter.save.ScriptWrapper" before the first sample. This launcher
 * does what `/usr/bin/jmeter` does (org.apache.jmeter.NewDriver with jmeter.home set), after allowing
 * JMeter's own classes (org.apache.jmeter.**, org.apache.jorphan.**) on the two XStream instances that
 * read plans and results. Nothing else changes; the arguments are JMeter's.
 *
 *   javac -d DIR JMeterLauncher.java
 *   java -Djmeter.home=/usr/share/jmeter -cp DIR:/usr/share/jmeter/bin/ApacheJMeter.jar JMeterLauncher -n -t plan.jmx …
 */
public final class JMeterLauncher {
    public static void main(String[] args) throws Throwable {
        String home = System.getProperty("jmeter.home");
        if (home == null) {
            throw new IllegalStateException("set -Djmeter.home (Debian: /usr/share/jmeter)");
        }
        // NewDriver's static initialiser builds the class loader over JMeter's lib/ and lib/ext/ jars.
        Class<?> driver = Class.forName("org.apache.jmeter.NewDriver");
        Field loaderField = driver.getDeclaredField("loader");
        loaderField.setAccessible(true);
        ClassLoader loader = (ClassLoader) loaderField.get(null);
        Thread.currentThread().setContextClassLoader(loader);

        // SaveService reads bin/saveservice.properties under jmeter.home when its class initialises.
        Class<?> utilities = Class.forName("org.apache.jmeter.util.JMeterUtils", true, loader);
        utilities.getMethod("setJMeterHome", String.class).invoke(null, home);
        Class<?> saveService = Class.forName("org.apache.jmeter.save.SaveService", true, loader);
        Class<?> xstream = Class.forName("com.thoughtworks.xstream.XStream", true, loader);
        Method allow = xstream.getMethod("allowTypesByWildcard", String[].class);
        int permitted = 0;
        for (Field field : saveService.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && xstream.isAssignableFrom(field.getType())) {
                field.setAccessible(true);
                allow.invoke(field.get(null), (Object) new String[] {"org.apache.jmeter.**", "org.apache.jorphan.**"});
                permitted += 1;
            }
        }
        if (permitted == 0) {
            throw new IllegalStateException("SaveService has no XStream field: not the JMeter this launcher was written for");
        }
        driver.getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
